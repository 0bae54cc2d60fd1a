using IOC.History.Model;

namespace IOC.History.Store;

/// <summary>
/// When a store deletes minutes and hours past their retention (every 10 minutes, at a save) and which rows go:
/// per table with a limit, the bucket start before which rows are gone. The stores only say how to delete.
/// </summary>
public sealed class PruneSchedule(Retention retention, TimeProvider time)
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(10);

    private readonly Lock _gate = new(); // saves on several connections at once ask together
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    /// <summary>The tables to prune now with their cut-offs (ms), or nothing if the last prune is recent.</summary>
    public IReadOnlyList<(Measurement Measurement, Resolution Resolution, long BeforeMs)> Due()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (now - _last < Every)
            {
                return [];
            }

            _last = now;
        }

        var due = new List<(Measurement, Resolution, long)>();
        foreach (var measurement in Measurement.All)
        {
            foreach (var resolution in measurement.Resolutions)
            {
                if (retention.Of(resolution) is { } keep)
                {
                    due.Add((measurement, resolution, (now - keep - resolution.Size()).ToUnixTimeMilliseconds()));
                }
            }
        }

        return due;
    }
}
