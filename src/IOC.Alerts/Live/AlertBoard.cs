using IOC.Grains.Alerts.Evaluation;
using IOC.Live;

namespace IOC.Alerts.Live;

/// <summary>
/// This web host's copy of every instance that is not normal (pending, firing, recovering, no data), fed by the grains'
/// pushes and seeded from them at start: what the pages, the hub's <c>alerts</c> group and <c>GET /api/v1/alerts</c>
/// read. Thread-safe; subscribers are told after each change.
/// </summary>
public sealed class AlertBoard(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Subscribers<Action> _subscribers = new();
    private Dictionary<string, AlertView> _alerts = new(StringComparer.Ordinal);

    /// <summary>When the board last changed.</summary>
    public DateTimeOffset AsOf { get; private set; } = time.GetUtcNow();

    /// <summary>Every instance not normal now, the most severe and the oldest first.</summary>
    public IReadOnlyList<AlertView> Alerts
    {
        get
        {
            lock (_gate)
            {
                return Order(_alerts.Values);
            }
        }
    }

    public static IReadOnlyList<AlertView> Order(IEnumerable<AlertView> alerts) =>
        [.. alerts.OrderBy(a => a.IsFiring ? 0 : 1).ThenByDescending(a => a.Severity).ThenBy(a => a.ActiveSince ?? a.StateSince).ThenBy(a => a.Id, StringComparer.Ordinal)];

    public AlertView? Find(string id)
    {
        lock (_gate)
        {
            return _alerts.GetValueOrDefault(id);
        }
    }

    /// <summary>Takes pushed changes: a normal instance leaves the board; an older view never replaces a newer one.</summary>
    public void Apply(IEnumerable<AlertChange> changes) => Update(alerts =>
    {
        foreach (var change in changes)
        {
            var view = change.Alert;
            if (alerts.TryGetValue(view.Id, out var held) && Newer(held, view))
            {
                continue;
            }

            if (view.State == AlertState.Normal)
            {
                alerts.Remove(view.Id);
            }
            else
            {
                alerts[view.Id] = view;
            }
        }
    });

    /// <summary>Takes what the grains hold now (at start), keeping views pushed meanwhile when they are newer.</summary>
    public void Seed(IEnumerable<AlertView> views) => Update(alerts =>
    {
        foreach (var view in views)
        {
            if (!alerts.TryGetValue(view.Id, out var held) || !Newer(held, view))
            {
                alerts[view.Id] = view;
            }
        }
    });

    /// <summary>Calls <paramref name="changed"/> after each change; disposing stops it.</summary>
    public IDisposable Subscribe(Action changed) => _subscribers.Add(changed);

    private static bool Newer(AlertView held, AlertView incoming) =>
        held.StateSince > incoming.StateSince || (held.Ack is not null && incoming.Ack is null && held.StateSince == incoming.StateSince && held.Episode == incoming.Episode);

    private void Update(Action<Dictionary<string, AlertView>> change)
    {
        lock (_gate)
        {
            var next = new Dictionary<string, AlertView>(_alerts, StringComparer.Ordinal);
            change(next);
            _alerts = next;
            AsOf = time.GetUtcNow();
        }

        foreach (var subscriber in _subscribers.Snapshot())
        {
            subscriber();
        }
    }
}
