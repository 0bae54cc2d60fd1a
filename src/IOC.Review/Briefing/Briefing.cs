using IOC.Domain.Units;
using IOC.History.Queries;

namespace IOC.Review.Briefing;

/// <summary>
/// One unit's page for a day, a week or a month: its KPIs with a target against it (and against the previous period of
/// the same length), its open work right now, two or three KPIs' histories to chart and, for the city, the five wards
/// weakest on dossiers completed on time. Built by <see cref="BriefingQuery"/>; printed by IOC.Reports.
/// </summary>
/// <param name="Running">The period has not ended: figures up to <see cref="AsOf"/>, compared with the previous period cut at the same point.</param>
public sealed record Briefing(
    Unit Unit,
    BriefingPeriod Period,
    DateTimeOffset AsOf,
    bool Running,
    IReadOnlyList<KpiSummary> Headline,
    IReadOnlyList<KpiSummary> OpenWork,
    IReadOnlyList<BriefingChart> Charts,
    WeakWards? Weakest);

/// <summary>A KPI's history over the period with the unit's target for it.</summary>
public sealed record BriefingChart(HistorySeries Series, TargetRef? Target);

/// <summary>The wards weakest on <see cref="KpiId"/>, weakest first; <see cref="WithoutData"/> wards had nothing to rank.</summary>
public sealed record WeakWards(string KpiId, IReadOnlyList<WeakWard> Wards, int WithoutData);

public sealed record WeakWard(int Rank, Unit Ward, Figure Figure, string Status);
