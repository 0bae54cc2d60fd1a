namespace IOC.Ingestion.Simulation;

/// <summary>An administrative procedure as the simulator uses it: its code, legal processing time and share of volume.</summary>
internal sealed record Procedure(string Code, TimeSpan ProcessingTime, double Weight);

/// <summary>
/// A dozen ward-level procedures in the national database's code format. Codes and weights are indicative, not an
/// official mapping: what matters is the shape of ward work, where same-day certification and civil status dominate
/// and a few land and building files run for weeks.
/// </summary>
internal static class Procedures
{
    public static readonly Procedure[] All =
    [
        new("2.000815", TimeSpan.FromHours(4), 26), // certified copy from the original
        new("2.000884", TimeSpan.FromHours(4), 10), // signature certification
        new("1.008878", TimeSpan.FromHours(4), 8), // civil-status extract
        new("1.001193", TimeSpan.FromDays(1), 12), // birth registration
        new("1.000894", TimeSpan.FromDays(1), 5), // marriage registration
        new("1.000656", TimeSpan.FromDays(1), 3), // death registration
        new("1.004873", TimeSpan.FromDays(3), 8), // marital status confirmation
        new("1.001612", TimeSpan.FromDays(3), 6), // household business registration
        new("2.000635", TimeSpan.FromDays(3), 2), // recognition of parentage
        new("1.003005", TimeSpan.FromDays(10), 4), // social allowance
        new("1.010727", TimeSpan.FromDays(15), 3), // land-use registration change
        new("1.009994", TimeSpan.FromDays(15), 3), // construction permit for a house
    ];

    public static readonly double[] Cumulative = SimRandom.Cumulative(All.Select(p => p.Weight));

    /// <summary>Plans finish between these fractions of the processing time (on-time work).</summary>
    public const double EarliestFraction = 0.15;

    public const double LatestFraction = 0.98;

    /// <summary>
    /// Share of dossiers received <paramref name="age"/> ago that are still open: how much of today's completions
    /// must come from work received before the simulator started. Approximates each procedure's completion time
    /// as uniform over its planned window (ignores late work and office-hour snapping, both small).
    /// </summary>
    public static double StillOpen(TimeSpan age)
    {
        var total = Cumulative[^1];
        var open = 0.0;
        foreach (var p in All)
        {
            var fraction = age / p.ProcessingTime;
            var share = (LatestFraction - fraction) / (LatestFraction - EarliestFraction);
            open += p.Weight * Math.Clamp(share, 0, 1);
        }

        return open / total;
    }
}
