using IOC.Domain.Units;
using IOC.Grains.Alerts.Grains;
using IOC.Grains.Alerts.Interfaces;
using IOC.Grains.Interfaces;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace IOC.Alerts.Live;

/// <summary>
/// Connects this web host to the alert publishers (as LiveFeedHost does for KPIs): registers its observer every few
/// seconds, seeds the <see cref="AlertBoard"/> from every unit's grain at start and once more when publishers know it.
/// </summary>
public sealed partial class AlertFeedHost(
    IGrainFactory grains, ILocalSiloDetails silo, UnitCatalog units, AlertBoard board, TimeProvider time, ILogger<AlertFeedHost> logger)
    : BackgroundService
{
    private static readonly TimeSpan RegisterEvery = TimeSpan.FromSeconds(5);

    // Held here: the runtime keeps only a weak reference to an observer object.
    private readonly AlertObserver _observer = new(board);
    private IAlertObserver? _reference;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _reference = grains.CreateObjectReference<IAlertObserver>(_observer);
        await RegisterAsync();
        await SeedAsync();
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RegisterEvery, time);
        var reseeded = false;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RegisterAsync();
                if (!reseeded)
                {
                    // Publishers refresh their list every PushTiming.RefreshObserversEvery (2 s): by now they know this host.
                    reseeded = true;
                    await SeedAsync();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SeedAsync()
    {
        try
        {
            var owners = units.All.Select(u => grains.AlertOwner(u.Key)).OfType<IAlertOwner>();
            var views = await Task.WhenAll(owners.Select(o => o.GetAlerts()));
            board.Seed(views.SelectMany(v => v));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSeedFailed(logger, ex.Message);
        }
    }

    private async Task RegisterAsync()
    {
        try
        {
            await grains.GetGrain<IAlertObserverRegistryGrain>(0).Register(silo.SiloAddress, _reference!);
        }
        catch (Exception ex)
        {
            LogRegisterFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the units' alerts for this host's board: {Reason}")]
    private static partial void LogSeedFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not register this host's alert observer: {Reason}")]
    private static partial void LogRegisterFailed(ILogger logger, string reason);
}
