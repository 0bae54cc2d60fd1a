using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using IOC.Domain.Kpis;
using IOC.Domain.Targets;
using IOC.Reports.Excel;
using IOC.Review.Reports;

namespace IOC.Reports.Print;

/// <summary>
/// The printable competition review as one self-contained HTML document (inline CSS, DejaVu Sans as data: URIs,
/// sparklines as inline SVG, no script), laid out for A4 landscape and printed to PDF by <see cref="IPdfPrinter"/>:
/// title, period and as-of time; the agencies side by side on each committed KPI (value with numerator/denominator,
/// target, status, rank, gap in words, trend); the overall ranking; how ranks are made; page numbers in the margin.
/// </summary>
public static class ReviewHtml
{
    // Vietnamese letters stay readable in the source; markup characters are still escaped.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly Lazy<string> Stylesheet = new(() =>
    {
        const string name = "IOC.Reports.Print.review.css";
        using var stream = typeof(ReviewHtml).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The stylesheet resource '{name}' is missing from IOC.Reports.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    /// <param name="issuer">The deployment's province (or the country) that issues the report; Hanoi when not given.</param>
    public static string Write(ReviewReport report, bool english = false, IOC.Domain.Units.Unit? issuer = null)
    {
        var words = ReviewWords.For(english);
        var texts = ReviewTexts.For(english, issuer);
        var html = new StringBuilder();
        html.Append($"<!DOCTYPE html>\n<html lang=\"{(english ? "en" : "vi")}\">\n<head>\n<meta charset=\"utf-8\">\n");
        // Nothing but the inline style, the fonts and the SVG may load, and no script may run: the page is data.
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:\">\n");
        html.Append($"<title>{Encode(texts.Title + " · " + words.Period(report.Period))}</title>\n");
        html.Append("<style>\n").Append(ReportFonts.FontFaces).Append(PageRule(report, words, texts)).Append(Stylesheet.Value).Append(ReviewCharts.Css).Append("</style>\n</head>\n<body>\n");

        Header(html, report, words, texts);
        Commitments(html, report, words, texts);
        Ranking(html, report, words, texts);
        html.Append($"<section class=\"keep-together\">\n<h2>{Encode(texts.RulesHeading)}</h2>\n<p class=\"rules\">{Encode(texts.Rules)}</p>\n</section>\n");
        ReviewCharts.Append(html, report, english);
        return html.Append("</body>\n</html>\n").ToString();
    }

    internal static string Encode(string text) => Html.Encode(ReviewWords.Nfc(text));

    // The page: A4 landscape, the report's name bottom left and "Trang 1/3" bottom right (CSS paged media margin boxes).
    private static string PageRule(ReviewReport report, ReviewWords words, ReviewTexts texts) =>
        $$"""
        @page {
          size: A4 landscape;
          margin: 10mm 12mm 13mm;
          @bottom-left { content: {{CssString($"{texts.Footer} · {words.Period(report.Period)}")}}; font-family: "{{ReportFonts.Family}}"; font-size: 7pt; color: #616161; }
          @bottom-right { content: {{CssString(texts.Page)}} counter(page) {{CssString(texts.PageOf)}} counter(pages); font-family: "{{ReportFonts.Family}}"; font-size: 7pt; color: #616161; }
        }

        """;

    /// <summary>A CSS string literal: quotes and backslashes escaped, anything outside ASCII as a CSS escape.</summary>
    private static string CssString(string text)
    {
        var css = new StringBuilder("\"");
        foreach (var c in ReviewWords.Nfc(text))
        {
            css.Append(c is '"' or '\\' || c > '~' || c < ' ' ? $"\\{(int)c:x} " : c.ToString());
        }

        return css.Append('"').ToString();
    }

    private static void Header(StringBuilder html, ReviewReport report, ReviewWords words, ReviewTexts texts)
    {
        var period = report.Period;
        html.Append($"<header>\n<p class=\"issuer\">{Encode(texts.Issuer)}</p>\n<h1>{Encode(texts.Title)}</h1>\n");
        html.Append($"<p class=\"period\">{Encode($"{texts.Period}: {words.Period(period)} ({ReviewWords.Day(period.FirstDay)} – {ReviewWords.Day(period.LastDay)})")}");
        html.Append($" &nbsp;·&nbsp; {Encode(string.Format(words.Culture, texts.AsOf, ReviewWords.Time(report.AsOf)) + " (UTC+7)")}</p>\n");
        if (report.Running)
        {
            html.Append($"<p class=\"running\">{Encode(string.Format(words.Culture, texts.Running, ReviewWords.Time(report.AsOf)))}</p>\n");
        }

        html.Append("</header>\n");
    }

    // The side-by-side table: a row per committed KPI, a column per agency; the header repeats on each page and a
    // row never splits across pages (review.css).
    private static void Commitments(StringBuilder html, ReviewReport report, ReviewWords words, ReviewTexts texts)
    {
        html.Append($"<h2>{Encode(texts.CommitmentsHeading)}</h2>\n<table class=\"commitments\">\n<colgroup><col class=\"first\">");
        html.Append(string.Concat(report.Agencies.Select(_ => "<col>"))).Append("</colgroup>\n");
        html.Append($"<thead><tr><th scope=\"col\">{Encode(texts.Commitment)}</th>");
        foreach (var agency in report.Agencies)
        {
            html.Append($"<th scope=\"col\">{Encode(words.Name(agency.Agency))}</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var kpi in report.Kpis)
        {
            var commitment = report.CommitmentOn(kpi);
            var definition = KpiCatalog.Get(kpi);
            html.Append($"<tr><th scope=\"row\"><p class=\"wording\">{Encode(words.Wording(commitment))}</p>");
            html.Append($"<p class=\"kpi\">{Encode($"{(words.IsEnglish ? definition.NameEn : definition.NameVi)} ({kpi})")}</p></th>");
            foreach (var agency in report.Agencies)
            {
                html.Append("<td>");
                if (report.Cell(agency.Agency.Code, kpi) is { } cell)
                {
                    Cell(html, report, cell, words, texts);
                }
                else
                {
                    html.Append($"<p class=\"not-committed\">{Encode(texts.NotCommitted)}</p>");
                }

                html.Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append($"</tbody>\n</table>\n<p class=\"note\">{Encode(texts.TrendNote)}</p>\n");
    }

    // A cell: value (numerator/denominator), target, status and rank, gap in words, sparkline with its scale.
    private static void Cell(StringBuilder html, ReviewReport report, CommitmentReview cell, ReviewWords words, ReviewTexts texts)
    {
        var (result, value) = (cell.Result, cell.Result.Value);
        html.Append($"<p class=\"value\">{Encode(words.Percent(value.Value))}");
        if (value.Numerator is { } n && value.Denominator is { } d and > 0)
        {
            html.Append($" <span class=\"counts\">({Encode(words.Count(n))}/{Encode(words.Count(d))})</span>");
        }

        html.Append($"</p><p class=\"target\">{Encode(string.Format(words.Culture, texts.Target, words.Target(result.Commitment)))}</p>");
        html.Append($"<p class=\"status-line\"><span class=\"{StatusClass(result.Status)}\"><span class=\"mark\"></span>{Encode(words.Status(result.Status))}</span>");
        if (report.Contested(result.Commitment.Kpi))
        {
            var rank = cell.Rank is { } r ? string.Format(words.Culture, texts.Rank, r, report.CommittedTo(result.Commitment.Kpi)) : texts.Unranked;
            html.Append($"<span class=\"rank\">{Encode(rank)}</span>");
        }

        html.Append("</p>");
        html.Append($"<p class=\"gap\">{Encode(words.Gap(cell))}</p>");

        var trend = SvgSparkline.Geometry(cell.Trend, report.Period, result.Commitment.Value);
        html.Append("<div class=\"spark\">").Append(SvgSparkline.Svg(trend, texts.TrendNote));
        html.Append($"<div class=\"scale\"><span>{Encode(words.Percent(trend.High))}</span><span>{Encode(words.Percent(trend.Low))}</span></div></div>");
    }

    private static string StatusClass(KpiStatus status) => status switch
    {
        KpiStatus.Met => "met",
        KpiStatus.Near => "near",
        KpiStatus.Missed => "missed",
        _ => "nodata",
    };

    // The overall ranking: rank, agency, attainment, commitments met. A handful of rows: the heading and the table
    // are kept on one page (review.css), never a heading and one row at the foot of a page and the rest overleaf.
    private static void Ranking(StringBuilder html, ReviewReport report, ReviewWords words, ReviewTexts texts)
    {
        html.Append($"<section class=\"keep-together\">\n<h2>{Encode(texts.RankingHeading)}</h2>\n<table class=\"ranking\">\n");
        html.Append("<colgroup><col class=\"rank-col\"><col><col class=\"figure\"><col class=\"figure\"></colgroup>\n<thead><tr>");
        foreach (var column in new[] { texts.RankColumn, texts.AgencyColumn, texts.AttainmentColumn, texts.MetColumn })
        {
            html.Append($"<th scope=\"col\">{Encode(column)}</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var agency in ReviewWorkbook.Ranked(report))
        {
            html.Append($"<tr><td>{Encode(agency.Rank?.ToString(words.Culture) ?? "—")}</td><td>{Encode(words.Name(agency.Agency))}</td>");
            html.Append($"<td>{Encode(words.Percent(agency.Score.Attainment))}</td><td>{Encode(string.Format(words.Culture, texts.MetOf, agency.Score.Met, agency.Score.Total))}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }
}
