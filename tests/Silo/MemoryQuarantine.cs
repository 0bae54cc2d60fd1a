using IOC.Domain.Units;
using IOC.Grains.Ports;

namespace IOC.Tests.Silo;

/// <summary>A quarantine store in memory, for silos in tests and benchmarks.</summary>
public sealed class MemoryQuarantine : IQuarantineStore
{
    private readonly Dictionary<(UnitKey, long), QuarantinedEvent> _events = new();

    public void Add(IReadOnlyList<QuarantinedEvent> events)
    {
        lock (_events)
        {
            foreach (var e in events)
            {
                _events.TryAdd((e.Unit, e.Seq), e);
            }
        }
    }

    public void Remove(UnitKey unit, long seq)
    {
        lock (_events)
        {
            _events.Remove((unit, seq));
        }
    }

    public long Count()
    {
        lock (_events)
        {
            return _events.Count;
        }
    }

    public IReadOnlySet<long> SeqsOf(UnitKey unit)
    {
        lock (_events)
        {
            return _events.Keys.Where(k => k.Item1 == unit).Select(k => k.Item2).ToHashSet();
        }
    }

    public IReadOnlyList<QuarantinedEvent> List(int limit)
    {
        lock (_events)
        {
            return [.. _events.Values.OrderByDescending(e => e.At).ThenByDescending(e => e.Seq).Take(limit)];
        }
    }
}
