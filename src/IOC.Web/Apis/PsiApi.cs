using IOC.Review.Psi;
using IOC.Web.Exports;

namespace IOC.Web.Apis;

public static class PsiApi
{
    /// <summary>/api/v1/psi: the Public Service Index ESTIMATE of every ward and agency over a period; see docs/kpis.md.</summary>
    public static IEndpointRouteBuilder MapPsiApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/psi", ([AsParameters] ReviewArgs args, PsiQuery query, TimeProvider time, CancellationToken ct) =>
                HistoryEndpoints.GuardAsync(async () =>
                {
                    var (period, error) = args.Parse(time);
                    var (format, formatError) = HistoryArgParser.Format(args.Format);
                    var (language, langError) = HistoryArgParser.Lang(args.Lang);
                    if ((error ?? formatError ?? langError) is { } bad)
                    {
                        return bad.ToResult();
                    }

                    var report = await query.BuildAsync(period, ct);
                    return Export.Answer(PsiWire.From(report), format, language, l => PsiExport.Book(report, l));
                }))
            .WithTags("Review").WithName("GetPsi").AddEndpointFilter(HistoryApi.ServerTiming)
            .WithSummary("An estimate of the Decision 766 Public Service Index per ward and agency over a month, quarter, year or custom period, from what the feeds measure, with the wards ranked on the score scaled to 100, and in national mode the 34 provinces ranked the same way (format=csv|xlsx for a download, lang=en for English).");
        return app;
    }
}

/// <summary>The PSI estimate as JSON. Points and scores are rounded to 0.01; groups not measured have null points.</summary>
public sealed record PsiWire(
    string Period, string Value, DateOnly FirstDay, DateOnly LastDay, string LabelVi, string LabelEn, DateTimeOffset AsOf, bool Running,
    string NoteVi, string NoteEn, IReadOnlyList<PsiGroupWire> Groups, PsiBandsWire Bands, IReadOnlyList<PsiUnitWire> Wards, IReadOnlyList<PsiUnitWire> Agencies,
    IReadOnlyList<PsiUnitWire> Provinces)
{
    public const string EstimateVi = "ƯỚC TÍNH — không phải kết quả chính thức của Bộ Nội vụ";
    public const string EstimateEn = "ESTIMATE — not the official index";

    public static PsiWire From(PsiReport report) => new(
        report.Period.KindWire, report.Period.Value, report.Period.FirstDay, report.Period.LastDay, report.Period.LabelVi, report.Period.LabelEn,
        report.AsOf, report.Running, EstimateVi, EstimateEn,
        report.Groups.Select(g => new PsiGroupWire(g.Group.ToWire(), g.Group.NameVi(), g.Group.NameEn(), g.MaxPoints, g.FormulaVi, g.FormulaEn, g.WardsFed, g.WardsManual, g.WardsNotMeasured)).ToList(),
        new PsiBandsWire(report.Count(PsiBand.Excellent), report.Count(PsiBand.Middle), report.Count(PsiBand.Weak), report.Unmeasured),
        report.Wards.Select(PsiUnitWire.From).ToList(),
        report.Agencies.Select(PsiUnitWire.From).ToList(),
        report.Provinces.Select(PsiUnitWire.From).ToList());
}

public sealed record PsiGroupWire(string Group, string NameVi, string NameEn, int MaxPoints, string FormulaVi, string FormulaEn, int WardsFed, int WardsManual, int WardsNotMeasured);

/// <summary>How many wards fall in each band; <see cref="Unmeasured"/> had nothing measured in the period.</summary>
public sealed record PsiBandsWire(int Excellent, int Middle, int Weak, int Unmeasured);

/// <param name="Rank">Among the wards (or, in <c>provinces</c>, the 34 provinces) on <see cref="Scaled"/> (ties to one decimal share a rank); null for agencies and unmeasured wards.</param>
/// <param name="MeasuredMax">The points the measured groups are out of (82 without transparency).</param>
/// <param name="Scaled">Points on a 100 scale over the measured groups; the band is taken on it.</param>
public sealed record PsiUnitWire(int? Rank, string Code, string Name, string NameEn, double Points, int MeasuredMax, double? Scaled, string? Band, IReadOnlyList<PsiUnitGroupWire> Groups)
{
    public static PsiUnitWire From(PsiUnitResult result)
    {
        var e = result.Estimate;
        return new PsiUnitWire(
            result.Rank, result.Unit.Code, result.Unit.Name, result.Unit.NameEn, Math.Round(e.Points, 2), e.MeasuredMax,
            e.Scaled is { } s ? Math.Round(s, 2) : null, e.Band.ToWire(),
            e.Groups.Select(g => new PsiUnitGroupWire(g.Group.ToWire(), g.MaxPoints, g.Points is { } p ? Math.Round(p, 2) : null, g.Source.ToWire())).ToList());
    }
}

public sealed record PsiUnitGroupWire(string Group, int MaxPoints, double? Points, string Source);
