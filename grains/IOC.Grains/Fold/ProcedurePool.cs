using System.Collections.Concurrent;

namespace IOC.Grains.Fold;

/// <summary>
/// One copy of each procedure code for the open-dossier tables of all units: a million open dossiers name a few
/// thousand procedures, and each receipt brings its own copy of the code (~60 bytes kept per open dossier otherwise).
/// Bounded: codes come from producers, so once <see cref="Capacity"/> codes are held a new one is kept as the caller's
/// copy (as before the pool) instead of growing the pool for ever. Safe to share between grains on different threads.
/// </summary>
public sealed class ProcedurePool(int capacity)
{
    /// <summary>
    /// The National Database on Administrative Procedures lists a few thousand procedures (with provincial variants
    /// more); at most 22 characters each (ingestion's rule), the full pool holds ~1.5 MB.
    /// </summary>
    public const int DefaultCapacity = 16_384;

    private readonly ConcurrentDictionary<string, string> _codes = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>The pool every unit's open items share.</summary>
    public static ProcedurePool Shared { get; } = new(DefaultCapacity);

    public int Capacity { get; } = capacity;

    /// <summary>Codes held.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The pool's copy of <paramref name="code"/>; the argument itself when the pool is full and lacks it.</summary>
    public string Share(string code)
    {
        if (_codes.TryGetValue(code, out var shared))
        {
            return shared;
        }

        // A count kept beside the dictionary: ConcurrentDictionary.Count takes every lock. Threads adding at the same
        // moment may pass the bound by one each, never more.
        if (Volatile.Read(ref _count) >= Capacity)
        {
            return code;
        }

        if (_codes.TryAdd(code, code))
        {
            Interlocked.Increment(ref _count);
            return code;
        }

        return _codes.GetValueOrDefault(code, code);
    }
}
