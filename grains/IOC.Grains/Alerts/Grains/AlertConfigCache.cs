using IOC.Grains.Alerts.Interfaces;
using IOC.Grains.Alerts.Rules;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;

namespace IOC.Grains.Alerts.Grains;

/// <summary>This silo's copy of the rules and silences; every unit grain of the silo reads it on its tick. Thread-safe.</summary>
public sealed class AlertConfigCache
{
    private AlertConfig _current = AlertConfig.Empty;

    public AlertConfig Current => Volatile.Read(ref _current);

    /// <summary>Takes a configuration read from the config grain (a different version replaces the copy).</summary>
    public void Update(AlertConfig config)
    {
        if (config.Version != Current.Version)
        {
            Volatile.Write(ref _current, config);
        }
    }
}

/// <summary>
/// Keeps this silo's <see cref="AlertConfigCache"/> in step with the config grain: reads it at start (before the unit
/// grains activate, so restored instances of rules that still exist are not ended) and every few seconds.
/// </summary>
public sealed partial class AlertConfigRefresher(
    IGrainFactory grains, AlertConfigCache cache, IOptions<AlertEvaluationOptions> options, TimeProvider time, ILogger<AlertConfigRefresher> logger)
    : BackgroundService
{
    /// <summary>Reads the configuration now; the first read waits for the silo to be able to answer.</summary>
    public async Task RefreshAsync()
    {
        if (await grains.GetGrain<IAlertConfigGrain>(0).GetIfChanged(cache.Current.Version) is { } config)
        {
            cache.Update(config);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(100, options.Value.ConfigRefreshMilliseconds)), time);
        do
        {
            try
            {
                await RefreshAsync();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRefreshFailed(logger, ex.Message);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the alert rules and silences: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);
}
