namespace IOC.Live;

/// <summary>
/// Callbacks to tell after a change (the live feed's tick, the alert board's and the alert writer's): added and removed
/// from any thread; the owner calls a snapshot outside its own locks, so a callback may subscribe or unsubscribe.
/// </summary>
public sealed class Subscribers<TCallback>
    where TCallback : Delegate
{
    private readonly Lock _gate = new();
    private readonly List<TCallback> _callbacks = [];

    /// <summary>Adds <paramref name="callback"/>; disposing the result removes it.</summary>
    public IDisposable Add(TCallback callback)
    {
        lock (_gate)
        {
            _callbacks.Add(callback);
        }

        return new Removal(this, callback);
    }

    /// <summary>The callbacks now, to call after the change.</summary>
    public TCallback[] Snapshot()
    {
        lock (_gate)
        {
            return [.. _callbacks];
        }
    }

    private void Remove(TCallback callback)
    {
        lock (_gate)
        {
            _callbacks.Remove(callback);
        }
    }

    private sealed class Removal(Subscribers<TCallback> owner, TCallback callback) : IDisposable
    {
        public void Dispose() => owner.Remove(callback);
    }
}
