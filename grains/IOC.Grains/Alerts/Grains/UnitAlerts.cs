using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.Grains.Alerts.Evaluation;
using IOC.Grains.Alerts.Interfaces;
using IOC.Grains.Fold;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace IOC.Grains.Alerts.Grains;

/// <summary>
/// The alert instances a unit grain (or the city) owns, and what it does with them: restored at activation, judged
/// after each tick against the grain's own fold, acknowledged by calls to the grain. Changes go to the silo's sink (the
/// store, webhooks) and to the web hosts through the alert publisher. The grain holds one of these and calls it; all the
/// logic is the plain <see cref="UnitAlertBook"/>.
/// </summary>
public sealed class UnitAlerts
{
    private readonly AlertServices _services;
    private readonly UnitAlertBook _book;

    // Kept: Orleans resolves the interface type by reflection on every GetGrain (2–3 % of the CPU at the country's 10×).
    private IAlertPublisherGrain? _publisher;

    private UnitAlerts(AlertServices services, UnitKey key)
    {
        _services = services;
        _book = new UnitAlertBook(key, services.Context, TimeSpan.FromMilliseconds(Math.Max(50, services.Options.EvaluateEveryMilliseconds)));
    }

    /// <summary>The unit's instances restored from the store; null when the silo evaluates no alerts.</summary>
    public static async Task<UnitAlerts?> ActivateAsync(IServiceProvider services, UnitKey key, CancellationToken cancellationToken)
    {
        if (services.GetService<AlertServices>() is not { Options.Enabled: true } alertServices)
        {
            return null;
        }

        var alerts = new UnitAlerts(alertServices, key);
        var saved = await alertServices.Recovery.LoadAsync(key, cancellationToken);
        alerts._book.Restore(saved, alertServices.Time.GetUtcNow());
        return alerts;
    }

    /// <summary>Events reached the unit now (its feed is not silent).</summary>
    public void Arrived() => _book.Arrived(_services.Time.GetUtcNow());

    /// <summary>After a tick: judges the rules when something could have changed, and hands on what did.</summary>
    public async Task TickAsync(IGrainFactory grains, GrainSnapshot? snapshot, Func<int, CounterSet> day, DateTimeOffset now)
    {
        // Version 0: the rules are not read yet (a silo starting). Judging then would end every restored instance.
        var config = _services.Config.Current;
        if (snapshot is null || config.Version == 0 || !_book.IsDue(config, snapshot, now))
        {
            return;
        }

        var changes = _book.Evaluate(config, new AlertFigures(snapshot, day, _book.LastArrival), now);
        await HandOnAsync(grains, changes);
    }

    public async Task<AlertView?> AcknowledgeAsync(IGrainFactory grains, string ruleId, string by, string? note)
    {
        if (_book.Acknowledge(ruleId, by, note, _services.Time.GetUtcNow()) is not { } change)
        {
            return null;
        }

        await HandOnAsync(grains, [change]);
        return change.Alert;
    }

    public IReadOnlyList<AlertView> Views() => _book.Views();

    private async Task HandOnAsync(IGrainFactory grains, List<AlertChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        var recorded = changes.Where(c => c.IsRecorded).ToList();
        if (recorded.Count > 0)
        {
            _services.Sink.Enqueue(recorded);
        }

        await (_publisher ??= grains.GetGrain<IAlertPublisherGrain>(0)).Publish(changes);
    }
}
