using IOC.Domain.Targets;
using IOC.Domain.Units;

namespace IOC.Review.Agreement;

/// <summary>
/// The competition agreement as data: the agencies that signed it (in seed-data/agencies.csv order) and their
/// commitments (seed-data/commitments.csv). Editing the files changes the review; nothing here is hard-coded.
/// </summary>
public sealed class CompetitionAgreement
{
    public CompetitionAgreement(UnitCatalog units, IReadOnlyList<Commitment> commitments)
    {
        Agencies = units.Agencies;
        Commitments = commitments;
        Kpis = commitments.Select(c => c.Kpi).Distinct(StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<Unit> Agencies { get; }

    public IReadOnlyList<Commitment> Commitments { get; }

    /// <summary>The KPIs someone committed to, in the order the file first names them: the rows of the review.</summary>
    public IReadOnlyList<string> Kpis { get; }

    public IReadOnlyList<Commitment> For(string agency) => Commitments.Where(c => c.Agency == agency).ToList();
}
