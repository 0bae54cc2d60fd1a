namespace IOC.Web.Health;

/// <summary>The outcome of one probe of a store: when it finished and, if the store could not be reached, why.</summary>
public sealed record ProbeResult(DateTimeOffset At, Exception? Error)
{
    public bool Reachable => Error is null;
}

/// <summary>
/// A store's reachability, asked of the store at most once per <see cref="MaxAge"/> however often /health is called
/// (a load balancer polling every node, or a person refreshing): callers within that time, or while a probe is under
/// way, share its result. So a storm of /health calls costs the shared PostgreSQL one <c>SELECT 1</c> per node and second.
/// </summary>
public sealed class CachedProbe(Func<CancellationToken, Task> probe, TimeProvider time)
{
    /// <summary>How long a result is reused.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1.5);

    private readonly Lock _gate = new();
    private Task<ProbeResult>? _current;

    public Task<ProbeResult> CheckAsync()
    {
        lock (_gate)
        {
            if (_current is { } current && (!current.IsCompleted || time.GetUtcNow() - current.Result.At < MaxAge))
            {
                return current;
            }

            return _current = RunAsync();
        }
    }

    private async Task<ProbeResult> RunAsync()
    {
        // Not the caller's token: the result is shared, and a caller that gave up must not cancel it for the others.
        await Task.Yield();
        try
        {
            await probe(CancellationToken.None);
            return new ProbeResult(time.GetUtcNow(), null);
        }
        catch (Exception ex)
        {
            return new ProbeResult(time.GetUtcNow(), ex);
        }
    }
}
