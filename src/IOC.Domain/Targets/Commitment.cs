using IOC.Domain.Units;

namespace IOC.Domain.Targets;

/// <summary>
/// What an agency promised in the 2025 competition agreement (seed-data/commitments.csv): a KPI, a target with a
/// direction and period, the promise's published wording, and the noun that names one counted item (for gaps in
/// words: "cần thêm 37 hồ sơ trực tuyến toàn trình để đạt 100%").
/// </summary>
public sealed record Commitment(
    string Agency,
    string Kpi,
    TargetDirection Direction,
    double Value,
    string Period,
    string WordingVi,
    string WordingEn,
    string ItemVi,
    string ItemEn)
{
    /// <summary>A commitment is also the agency's target for that KPI, so every page judges it the same way.</summary>
    public Target ToTarget() => new(Kpi, UnitLevel.Agency, Agency, Direction, Value, Period, WordingVi, WordingEn);
}
