namespace IOC.Review.Psi;

/// <summary>The five groups of Decision 766/QĐ-TTg's Public Service Index and their maximum points (total 100).</summary>
public enum PsiGroup
{
    Transparency,
    Progress,
    Digitization,
    OnlineServices,
    Satisfaction,
}

public enum PsiSource
{
    /// <summary>Computed from the feeds with the formula shown.</summary>
    Feeds,

    /// <summary>Entered by hand in seed-data/psi-manual.csv (the feeds cannot measure it).</summary>
    Manual,

    /// <summary>Neither: shown as not measured, never invented.</summary>
    NotMeasured,
}

public sealed record PsiGroupScore(PsiGroup Group, int MaxPoints, double? Points, PsiSource Source, string FormulaVi, string FormulaEn);

public enum PsiBand
{
    /// <summary>90–100.</summary>
    Excellent,

    /// <summary>50 to below 90: Decision 766 grades this span further; our design names only the two ends.</summary>
    Middle,

    /// <summary>Below 50.</summary>
    Weak,
}

/// <summary>
/// An ESTIMATE of a unit's Public Service Index from what the feeds measure. When a group is not measured, the total is
/// out of fewer than 100 points; the band is then taken on the score scaled to 100 and the page says so.
/// </summary>
public sealed record PsiEstimate(string Unit, IReadOnlyList<PsiGroupScore> Groups)
{
    public double Points => Groups.Sum(g => g.Points ?? 0);

    public int MeasuredMax => Groups.Where(g => g.Points is not null).Sum(g => g.MaxPoints);

    public bool Complete => Groups.All(g => g.Points is not null);

    /// <summary>Points on a 100 scale over the measured groups; null when nothing is measured.</summary>
    public double? Scaled => MeasuredMax == 0 ? null : 100 * Points / MeasuredMax;

    /// <summary>The band of the scaled score as shown (one decimal), so a ward shown as "50,0" is never labelled weak.</summary>
    public PsiBand? Band => (Scaled is { } scaled ? Math.Round(scaled, 1, MidpointRounding.AwayFromZero) : (double?)null) switch
    {
        null => null,
        >= 90 => PsiBand.Excellent,
        < 50 => PsiBand.Weak,
        _ => PsiBand.Middle,
    };
}
