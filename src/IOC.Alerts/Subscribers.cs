namespace IOC.Alerts;

/// <summary>
/// Callbacks to tell after a change (the alert board's, the writer's): added and removed from any thread; the owner
/// calls a snapshot outside its own locks, so a callback may subscribe or unsubscribe.
/// </summary>
internal sealed class Subscribers
{
    private readonly Lock _gate = new();
    private readonly List<Action> _callbacks = [];

    /// <summary>Adds <paramref name="callback"/>; disposing the result removes it.</summary>
    public IDisposable Add(Action callback)
    {
        lock (_gate)
        {
            _callbacks.Add(callback);
        }

        return new Removal(this, callback);
    }

    /// <summary>The callbacks now, to call after the change.</summary>
    public Action[] Snapshot()
    {
        lock (_gate)
        {
            return [.. _callbacks];
        }
    }

    private void Remove(Action callback)
    {
        lock (_gate)
        {
            _callbacks.Remove(callback);
        }
    }

    private sealed class Removal(Subscribers owner, Action callback) : IDisposable
    {
        public void Dispose() => owner.Remove(callback);
    }
}
