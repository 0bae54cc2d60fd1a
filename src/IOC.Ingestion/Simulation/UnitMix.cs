using IOC.Domain.Units;

namespace IOC.Ingestion.Simulation;

/// <summary>A unit that receives simulated traffic, with its fixed character for this seed.</summary>
internal sealed record SimUnit(
    string Code,
    bool IsAgency,
    double Weight,
    double OnlineTilt,
    double LateFactor,
    double Satisfied,
    double Digital,
    double SignedGivenDigital);

/// <summary>
/// Who gets which traffic. Assumptions: an urban ward (phường) sees about three times the work of a commune (xã),
/// each unit varying ±50% around that for a seed, with its own lean towards online, its own lateness and its own
/// satisfaction, so the wallboard has strong and weak units. The Public Administration Service Center also receives
/// dossiers and surveys, about as many as six busy wards; the four agencies process documents.
/// </summary>
internal sealed class UnitMix
{
    /// <summary>The agency that runs a one-stop desk of its own.</summary>
    public const string ServiceCenterCode = "TTPVHCC";

    public UnitMix(UnitCatalog units, int seed)
    {
        var wards = units.Wards.Select(w => Describe(w, seed, TrafficScale.TypeWeight(w))).ToArray();
        var agencies = units.Agencies.Select(a => Describe(a, seed, 1.0)).ToArray();
        if (wards.Length == 0)
        {
            throw new ArgumentException("The simulator needs at least one ward.", nameof(units));
        }

        var center = agencies.FirstOrDefault(a => a.Code == ServiceCenterCode);
        var centerWeight = 6 * 3.0;
        All = [.. wards, .. agencies];
        WardCount = wards.Length;
        Wards = SimRandom.Cumulative(wards.Select(w => w.Weight));
        DossierDesks = SimRandom.Cumulative(All.Select(u => u.IsAgency ? (u == center ? centerWeight : 0) : u.Weight));
        Agencies = agencies.Length == 0 ? null : SimRandom.Cumulative(All.Select(u => u.IsAgency ? u.Weight : 0));
    }

    /// <summary>Wards first, then agencies; the cumulative tables below index into this.</summary>
    public SimUnit[] All { get; }

    public int WardCount { get; }

    /// <summary>Hotline calls and tickets: wards only.</summary>
    public double[] Wards { get; }

    /// <summary>Dossiers and surveys: wards and the service center.</summary>
    public double[] DossierDesks { get; }

    /// <summary>Documents: agencies only; null when the catalogue has none.</summary>
    public double[]? Agencies { get; }

    private static SimUnit Describe(Unit unit, int seed, double baseWeight)
    {
        var random = new SimRandom(SimRandom.Hash(unit.Code, seed));
        return new SimUnit(
            unit.Code,
            unit.Level == UnitLevel.Agency,
            Weight: baseWeight * random.Between(0.6, 1.5),
            OnlineTilt: random.Between(-0.08, 0.08),
            LateFactor: random.Between(0.4, 1.6),
            Satisfied: random.Between(0.93, 0.975),
            Digital: random.Between(0.97, 0.995),
            SignedGivenDigital: random.Between(0.93, 0.98));
    }
}
