namespace IOC.Review.Ranking;

/// <summary>A ranked entry: its value and its rank (null: no data, not ranked).</summary>
public sealed record RankedEntry<TKey>(TKey Key, double? Value, int? Rank);

/// <summary>
/// Standard competition ranking ("1-2-2-4"): values equal as displayed (to one decimal) share a rank and the next rank
/// skips; entries without a value are not ranked and come last, in their given order.
/// </summary>
public static class CompetitionRanking
{
    public static IReadOnlyList<RankedEntry<TKey>> Rank<TKey>(IEnumerable<(TKey Key, double? Value)> entries, bool higherIsBetter)
    {
        var list = entries.ToList();
        var withValue = list.Where(e => e.Value is not null)
            .Select(e => (e.Key, e.Value, Shown: Math.Round(e.Value!.Value, 1, MidpointRounding.AwayFromZero)))
            .ToList();
        var ordered = higherIsBetter ? withValue.OrderByDescending(e => e.Shown) : withValue.OrderBy(e => e.Shown);

        var result = new List<RankedEntry<TKey>>(list.Count);
        var position = 0;
        var rank = 0;
        double? previous = null;
        foreach (var entry in ordered)
        {
            position++;
            if (previous != entry.Shown)
            {
                rank = position;
                previous = entry.Shown;
            }

            result.Add(new RankedEntry<TKey>(entry.Key, entry.Value, rank));
        }

        result.AddRange(list.Where(e => e.Value is null).Select(e => new RankedEntry<TKey>(e.Key, null, null)));
        return result;
    }
}
