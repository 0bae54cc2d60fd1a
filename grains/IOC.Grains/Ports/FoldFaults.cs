using IOC.Domain.Units;
using IOC.Grains.Fold;

namespace IOC.Grains.Ports;

/// <summary>An accepted event a unit's fold set aside, and why.</summary>
public sealed record QuarantinedEvent(UnitKey Unit, long Seq, string EventId, string Reason, DateTimeOffset At);

/// <summary>
/// Events the folds of this silo set aside (see <see cref="FoldGuard"/>): counted and the latest kept for /health and
/// operators, so one bad event never stops a unit and is never silently lost. Thread-safe.
/// </summary>
public sealed class FoldFaults(TimeProvider time)
{
    private const int Kept = 100;
    private readonly Queue<QuarantinedEvent> _latest = new();
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public IReadOnlyList<QuarantinedEvent> Latest
    {
        get
        {
            lock (_latest)
            {
                return [.. _latest];
            }
        }
    }

    public void Add(UnitKey unit, IEnumerable<FoldFailure> failures)
    {
        lock (_latest)
        {
            foreach (var failure in failures)
            {
                _count++;
                _latest.Enqueue(new QuarantinedEvent(unit, failure.Seq, failure.Event.Id, failure.Reason, time.GetUtcNow()));
                if (_latest.Count > Kept)
                {
                    _latest.Dequeue();
                }
            }
        }
    }
}
