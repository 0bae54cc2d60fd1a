namespace IOC.Ingestion.Simulation;

/// <summary>
/// SplitMix64. Our own generator rather than System.Random because the sequence for a seed must never change:
/// the committed sample file and every "same seed, same city" promise depend on it.
/// </summary>
internal sealed class SimRandom(ulong seed)
{
    private ulong _state = seed;

    /// <summary>A stable 64-bit hash (FNV-1a, then mixed): string.GetHashCode differs per process.</summary>
    public static ulong Hash(string text, int seed)
    {
        var h = 14695981039346656037UL ^ (ulong)(uint)seed;
        foreach (var c in text)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        return Mix(h);
    }

    public ulong NextULong() => Mix(_state += 0x9E3779B97F4A7C15UL);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    public double Between(double min, double max) => min + ((max - min) * NextDouble());

    public double Exponential(double mean) => -mean * Math.Log(1 - NextDouble());

    /// <summary>An index drawn with the given cumulative weights (ascending, last = total); zero weights never win.</summary>
    public int Pick(double[] cumulative)
    {
        var x = NextDouble() * cumulative[^1];
        int lo = 0, hi = cumulative.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (cumulative[mid] > x)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }

    public static double[] Cumulative(IEnumerable<double> weights)
    {
        var total = 0.0;
        return weights.Select(w => total += w).ToArray();
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
