namespace IOC.Domain.Targets;

public enum TargetDirection
{
    AtLeast,
    AtMost,
}

public enum KpiStatus
{
    None,
    Met,
    Near,
    Missed,
}

/// <summary>A published target for one KPI, for a whole level or one unit.</summary>
/// <param name="UnitCode">Null: every unit of <paramref name="Level"/>.</param>
public sealed record Target(
    string Kpi,
    Units.UnitLevel Level,
    string? UnitCode,
    TargetDirection Direction,
    double Value,
    string Period,
    string SourceVi,
    string SourceEn)
{
    /// <summary>
    /// The province whose own target this is (national mode: a level-wide target of one province's file applies to that
    /// province's units only); null for a national default, and for every target of a single-province deployment.
    /// </summary>
    public string? Province { get; init; }

    /// <summary>"Near" means missed by at most this many percentage points.</summary>
    public const double NearBandPoints = 5;

    public string DirectionSymbol => Direction == TargetDirection.AtLeast ? ">=" : "<=";

    /// <summary>
    /// Met when on the right side of the target; near when a rate misses by at most 5 points;
    /// counts have no "near" (one overdue dossier is simply one too many).
    /// </summary>
    public KpiStatus Evaluate(double? value, bool isRate)
    {
        if (value is not { } v)
        {
            return KpiStatus.None;
        }

        var shortfall = Direction == TargetDirection.AtLeast ? Value - v : v - Value;
        if (shortfall <= 0)
        {
            return KpiStatus.Met;
        }

        return isRate && shortfall <= NearBandPoints ? KpiStatus.Near : KpiStatus.Missed;
    }
}

public static class KpiStatusNames
{
    public static string ToWire(this KpiStatus status) => status switch
    {
        KpiStatus.Met => "met",
        KpiStatus.Near => "near",
        KpiStatus.Missed => "missed",
        _ => "none",
    };
}
