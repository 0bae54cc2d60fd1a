using System.Text.Json.Serialization;
using IOC.Domain.Kpis;
using IOC.Domain.Targets;
using IOC.Domain.Units;

namespace IOC.History.Queries;

public sealed record UnitRef(string Code, string Name, string NameEn, string Level)
{
    public static UnitRef From(Unit unit) => new(unit.Code, unit.Name, unit.NameEn, unit.Level.ToWire());
}

public sealed record KpiRef(string Id, string Group, string Kind, string NameVi, string NameEn)
{
    public static KpiRef From(KpiDefinition kpi) => new(kpi.Id, kpi.Group, kpi.Kind.ToString(), kpi.NameVi, kpi.NameEn);
}

/// <summary>A KPI over a stretch of time: the value and, for rates and averages, numerator and denominator.</summary>
public sealed record Figure(
    double? Value,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Numerator,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Denominator)
{
    /// <summary>Counts carry their count as the numerator too, so every figure has a numerator to chart.</summary>
    public static Figure From(KpiDefinition kpi, KpiValue value) =>
        new(value.Value, kpi.Kind == KpiKind.Count ? value.Value : value.Numerator, value.Denominator);
}

/// <param name="From">Start of the first step.</param>
/// <param name="To">End of the last step.</param>
public sealed record HistorySeries(UnitRef Unit, KpiRef Kpi, DateTimeOffset From, DateTimeOffset To, string Step, IReadOnlyList<SeriesPoint> Points);

public sealed record SeriesPoint(
    DateTimeOffset Start,
    double? Value,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Numerator,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Denominator);

/// <summary>Every KPI of a unit over a range, against its target, the previous range of the same length and the city.</summary>
/// <param name="From">The range read: whole buckets, so possibly a little wider than asked.</param>
public sealed record HistorySummary(
    UnitRef Unit,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset PreviousFrom,
    DateTimeOffset PreviousTo,
    DateTimeOffset AsOf,
    IReadOnlyList<KpiSummary> Kpis);

/// <param name="Live">A gauge of open work right now: no history, so no previous figure; value and city are live.</param>
/// <param name="Change">Value minus the previous value (percentage points for rates).</param>
public sealed record KpiSummary(
    string Id,
    string Group,
    string Kind,
    string NameVi,
    string NameEn,
    bool Live,
    Figure Value,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TargetRef? Target,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Figure? Previous,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Change,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Figure? City);

public sealed record TargetRef(string Direction, double Value, string Period)
{
    public static TargetRef? From(Target? target) => target is null ? null : new(target.DirectionSymbol, target.Value, target.Period);
}

/// <summary>Dossiers of a unit over a range, by intake channel and by procedure.</summary>
public sealed record DossierBreakdown(UnitRef Unit, DateTimeOffset From, DateTimeOffset To, long Received, IReadOnlyList<ChannelCount> ByChannel, IReadOnlyList<ProcedureCount> ByProcedure);

/// <param name="Share">Percentage of the dossiers received (null when none were).</param>
public sealed record ChannelCount(string Channel, string NameVi, long Received, double? Share);

/// <param name="Procedure">The national procedure code, or "unknown" for completions whose receipt IOC never saw.</param>
/// <param name="OnTimeRate">(completed − completed late) / completed, in percent; null when none were completed.</param>
/// <param name="Name">The procedure's name when IOC knows one (docs/events.md, "Procedure names"); null otherwise.</param>
/// <param name="NameSource">"catalogue" (the operator's procedure-names.csv, official) or "producer" (as the one-stop system names it).</param>
/// <param name="NameCitation">For a catalogue name: where the official name comes from.</param>
public sealed record ProcedureCount(
    string Procedure, long Received, long Online, long InPerson, long Postal, long Completed, long CompletedLate, double? OnTimeRate,
    string? Name = null, string? NameSource = null, string? NameCitation = null)
{
    /// <summary>The row of completions whose receipt IOC never saw (received before IOC started, or never sent).</summary>
    [JsonIgnore]
    public bool IsUnknown => Procedure == "unknown";
}

/// <summary>A unit's open dossiers that are overdue or due within 24 h, as of <see cref="AsOf"/>.</summary>
public sealed record OpenDossierList(UnitRef Unit, DateTimeOffset AsOf, int Overdue, int DueSoon, IReadOnlyList<OpenDossierItem> Items);

/// <param name="DaysLate">Started days past due (1 h late is 1 day late); 0 when not due yet.</param>
/// <param name="Status">overdue or dueSoon.</param>
public sealed record OpenDossierItem(string Id, string Procedure, string Channel, DateTimeOffset Received, DateTimeOffset Due, double HoursLate, int DaysLate, string Status);
