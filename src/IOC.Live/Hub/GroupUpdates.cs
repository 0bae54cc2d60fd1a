using IOC.Live.KpiViews;

namespace IOC.Live.Hub;

/// <summary>
/// A group's changes since its last push: what an <c>update</c> message carries. Updates merge (latest value
/// wins per KPI), so however many ticks a slow client misses, it holds at most one pending update per group.
/// </summary>
public interface IGroupUpdate
{
    string Group { get; }

    DateTimeOffset AsOf { get; }

    /// <summary>How many figures changed (KPIs, or ward × KPI cells).</summary>
    int Count { get; }

    /// <summary>This update followed by <paramref name="newer"/> (same group) as one update.</summary>
    IGroupUpdate Merge(IGroupUpdate newer);

    /// <summary>A snapshot not yet sent, brought up to date with this update.</summary>
    object ApplyTo(object snapshot);
}

/// <summary>Update of a <c>city</c>, <c>ward:{code}</c> or <c>agency:{code}</c> group: the changed KPIs only.</summary>
public sealed record KpiUpdate(string Group, DateTimeOffset AsOf, IReadOnlyDictionary<string, KpiFigure> Kpis) : IGroupUpdate
{
    int IGroupUpdate.Count => Kpis.Count;

    /// <summary>The KPIs whose figure differs (value, numerator, denominator, target or status); null when none.</summary>
    public static KpiUpdate? Diff(string group, UnitKpis before, UnitKpis after)
    {
        Dictionary<string, KpiFigure>? changed = null;
        foreach (var (id, figure) in after.Kpis)
        {
            if (!before.Kpis.TryGetValue(id, out var old) || old != figure)
            {
                (changed ??= [])[id] = figure;
            }
        }

        return changed is null ? null : new KpiUpdate(group, after.AsOf, changed);
    }

    IGroupUpdate IGroupUpdate.Merge(IGroupUpdate newer)
    {
        var next = (KpiUpdate)newer;
        return new KpiUpdate(Group, next.AsOf, Overwrite(Kpis, next.Kpis));
    }

    object IGroupUpdate.ApplyTo(object snapshot)
    {
        var unit = (UnitKpis)snapshot;
        return unit with { AsOf = AsOf, Kpis = Overwrite(unit.Kpis, Kpis) };
    }

    internal static Dictionary<string, T> Overwrite<T>(IReadOnlyDictionary<string, T> older, IReadOnlyDictionary<string, T> newer)
    {
        var merged = new Dictionary<string, T>(older);
        foreach (var (key, value) in newer)
        {
            merged[key] = value;
        }

        return merged;
    }
}

/// <summary>Update of the <c>wards</c> group: per ward code, only the headline cells that changed.</summary>
public sealed record WardsUpdate(
    string Group,
    DateTimeOffset AsOf,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, WardCell>> Wards) : IGroupUpdate
{
    int IGroupUpdate.Count => Wards.Values.Sum(w => w.Count);

    public static WardsUpdate? Diff(WardsTable before, WardsTable after)
    {
        var old = before.Wards.ToDictionary(w => w.Code);
        Dictionary<string, IReadOnlyDictionary<string, WardCell>>? changed = null;
        foreach (var row in after.Wards)
        {
            var previous = old.GetValueOrDefault(row.Code);
            var cells = row.Kpis.Where(c => previous is null || !previous.Kpis.TryGetValue(c.Key, out var was) || was != c.Value)
                .ToDictionary(c => c.Key, c => c.Value);
            if (cells.Count > 0)
            {
                (changed ??= [])[row.Code] = cells;
            }
        }

        return changed is null ? null : new WardsUpdate(HubGroup.WardsName, after.AsOf, changed);
    }

    IGroupUpdate IGroupUpdate.Merge(IGroupUpdate newer)
    {
        var merged = new Dictionary<string, IReadOnlyDictionary<string, WardCell>>(Wards);
        foreach (var (code, cells) in ((WardsUpdate)newer).Wards)
        {
            merged[code] = merged.TryGetValue(code, out var older) ? KpiUpdate.Overwrite(older, cells) : cells;
        }

        return new WardsUpdate(Group, newer.AsOf, merged);
    }

    object IGroupUpdate.ApplyTo(object snapshot)
    {
        var table = (WardsTable)snapshot;
        var rows = table.Wards.Select(r => Wards.TryGetValue(r.Code, out var cells) ? r with { Kpis = KpiUpdate.Overwrite(r.Kpis, cells) } : r);
        return table with { AsOf = AsOf, Wards = [.. rows] };
    }
}
