using IOC.Domain.Units;
using IOC.Grains.Fold;

namespace IOC.Grains.Ports;

/// <summary>An accepted event a unit could not take, and why: its inbox record stays, it is never counted until replayed.</summary>
public sealed record QuarantinedEvent(UnitKey Unit, long Seq, string EventId, string Reason, DateTimeOffset At);

/// <summary>Where quarantined events are kept (the inbox database: they outlive a restart, and their events are there).</summary>
public interface IQuarantineStore
{
    /// <summary>Keeps each (unit, seq) once: a restart that meets the same event again adds nothing.</summary>
    void Add(IReadOnlyList<QuarantinedEvent> events);

    void Remove(UnitKey unit, long seq);

    long Count();

    /// <summary>The latest first, at most <paramref name="limit"/>.</summary>
    IReadOnlyList<QuarantinedEvent> List(int limit);

    /// <summary>The sequence numbers quarantined for one unit.</summary>
    IReadOnlySet<long> SeqsOf(UnitKey unit);
}

/// <summary>
/// Events set aside so that one bad event never stops a unit (issue 15): those the fold cannot bucket
/// (<see cref="FoldGuard"/>) and stored events that no longer validate when a unit reads its inbox tail (seed data
/// changed). Visible on /health and at <c>/api/v1/quarantine</c>, replayable after a fix. Thread-safe.
/// </summary>
public sealed class Quarantine(IQuarantineStore store, TimeProvider time)
{
    public long Count => store.Count();

    public IReadOnlyList<QuarantinedEvent> Latest(int limit = 100) => store.List(limit);

    public void Add(UnitKey unit, IEnumerable<FoldFailure> failures) =>
        store.Add([.. failures.Select(f => new QuarantinedEvent(unit, f.Seq, f.Event.Id, f.Reason, time.GetUtcNow()))]);

    public void Add(UnitKey unit, long seq, string eventId, string reason) =>
        store.Add([new QuarantinedEvent(unit, seq, eventId, reason, time.GetUtcNow())]);

    public void Release(UnitKey unit, long seq) => store.Remove(unit, seq);

    public IReadOnlySet<long> SeqsOf(UnitKey unit) => store.SeqsOf(unit);
}
