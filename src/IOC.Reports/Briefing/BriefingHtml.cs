using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using IOC.Charts;
using IOC.Domain.Kpis;
using IOC.Reports.Print;
using IOC.Review.Briefing;
using BriefingModel = IOC.Review.Briefing.Briefing;

namespace IOC.Reports.Briefing;

/// <summary>
/// A briefing as one self-contained A4 portrait page (inline CSS, DejaVu Sans as data: URIs, charts as PNG data:
/// URIs, no script): title with the unit and the period; the KPIs with a target, their status in words and the change
/// from the previous period; the open work right now; two or three charts (ScottPlot); for the city, the five weakest
/// wards. Printed to PDF, or photographed to PNG for a phone, by headless Chromium.
/// </summary>
public static class BriefingHtml
{
    /// <summary>A4 portrait at 96 CSS pixels per inch: what the PNG photographs.</summary>
    public const int PageWidth = 794;

    public const int PageHeight = 1123;

    /// <summary>Half the page wide (two charts side by side), drawn at 3× for print and zooming on a phone.</summary>
    public static readonly ChartSize ChartSize = new(520, 260, 3);

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <param name="issuer">The deployment's province (or the country) that issues the briefing; Hanoi when not given.</param>
    public static string Write(BriefingModel briefing, bool english = false, IOC.Domain.Units.Unit? issuer = null)
    {
        var texts = BriefingTexts.For(english, issuer);
        var unitName = english ? briefing.Unit.NameEn : briefing.Unit.Name;
        var title = $"{texts.Title} · {unitName} · {briefing.Period.Label(english)}";
        var html = new StringBuilder();
        html.Append($"<!DOCTYPE html>\n<html lang=\"{(english ? "en" : "vi")}\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:\">\n");
        html.Append($"<title>{E(title)}</title>\n<style>\n").Append(ReportFonts.FontFaces).Append(Css).Append("</style>\n</head>\n<body>\n<main class=\"page\">\n");

        html.Append($"<header>\n<p class=\"issuer\">{E(texts.Issuer)}</p>\n<h1>{E(texts.Title)}: {E(unitName)}</h1>\n");
        html.Append($"<p class=\"period\">{E(briefing.Period.Label(english))} &nbsp;·&nbsp; {E(texts.AsOf)} {E(briefing.AsOf.ToString("dd/MM/yyyy HH:mm", texts.Culture))} (UTC+7)</p>\n");
        if (briefing.Running)
        {
            html.Append($"<p class=\"running\">{E(texts.Running)}</p>\n");
        }

        html.Append("</header>\n");
        Kpis(html, briefing, texts);
        OpenWork(html, briefing, texts);
        Charts(html, briefing, english, unitName);
        html.Append($"<footer>{E(texts.Footer)} · {E(briefing.Period.Label(english))}</footer>\n");
        return html.Append("</main>\n</body>\n</html>\n").ToString();
    }

    private static void Kpis(StringBuilder html, BriefingModel briefing, BriefingTexts texts)
    {
        html.Append($"<h2>{E(texts.KpisHeading)}</h2>\n");
        if (briefing.Headline.Count == 0)
        {
            html.Append($"<p class=\"muted\">{E(texts.NoTargets)}</p>\n");
            return;
        }

        html.Append("<table class=\"kpis\">\n<thead><tr>");
        foreach (var column in new[] { texts.KpiColumn, texts.ValueColumn, texts.TargetColumn, texts.StatusColumn, texts.ChangeColumn })
        {
            html.Append($"<th scope=\"col\">{E(column)}</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var kpi in briefing.Headline)
        {
            var (icon, words) = texts.Status(kpi.Status);
            html.Append($"<tr data-kpi=\"{E(kpi.Id)}\"><th scope=\"row\">{E(texts.Name(kpi))}</th>");
            html.Append($"<td class=\"num value\">{E(texts.Value(kpi.Kind, kpi.Value.Value))}</td>");
            html.Append($"<td class=\"num\">{E(texts.Target(kpi.Target!, kpi.Kind))}</td>");
            html.Append($"<td class=\"status {E(kpi.Status)}\"><span aria-hidden=\"true\">{icon}</span> {E(words)}</td>");
            html.Append($"<td class=\"change\">{E(texts.Change(kpi))}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void OpenWork(StringBuilder html, BriefingModel briefing, BriefingTexts texts)
    {
        html.Append($"<h2>{E(texts.OpenHeading)}</h2>\n<ul class=\"open\">\n");
        foreach (var gauge in briefing.OpenWork)
        {
            var count = gauge.Value.Value ?? 0;
            // Overdue work is an alert as soon as there is one; due soon is a warning; open work is only a number.
            var state = gauge.Id.Contains("verdue", StringComparison.Ordinal) ? (count == 0 ? "clear" : "alert")
                : gauge.Id.Contains("dueSoon", StringComparison.Ordinal) ? (count == 0 ? "clear" : "warn")
                : "info";
            html.Append($"<li class=\"open-{state}\" data-kpi=\"{E(gauge.Id)}\"><span class=\"open-count\">{E(texts.Value(gauge.Kind, count))}</span> ");
            html.Append($"<span class=\"open-label\">{E(texts.Name(gauge))}</span></li>\n");
        }

        html.Append("</ul>\n");
    }

    private static void Charts(StringBuilder html, BriefingModel briefing, bool english, string unitName)
    {
        if (briefing.Charts.Count == 0 && briefing.Weakest is null)
        {
            return;
        }

        html.Append($"<h2>{E(BriefingTexts.For(english).ChartsHeading)}</h2>\n<div class=\"charts\">\n");
        foreach (var chart in briefing.Charts)
        {
            var series = chart.Series;
            var kpi = KpiCatalog.Get(series.Kpi.Id);
            var input = KpiHistoryChart.Input(unitName, kpi, [.. series.Points.Select(p => (p.Start, p.Value))], series.From, series.To, series.Step,
                chart.Target is null ? null : new ChartTarget(chart.Target.Value, chart.Target.Direction), english);
            // The unit is in the page's title: each chart is titled by its KPI alone.
            Figure(html, LineChart.Build(input with { Title = english ? kpi.NameEn : kpi.NameVi }), $"{input.Title}. {input.Subtitle}", series.Kpi.Id);
        }

        if (briefing.Weakest is { Wards.Count: > 0 } weakest)
        {
            var kpi = KpiCatalog.Get(weakest.KpiId);
            var texts = BriefingTexts.For(english);
            var bars = new BarChartInput(texts.WeakestHeading, english ? kpi.NameEn : kpi.NameVi, kpi.Kind,
                [.. weakest.Wards.Select(w => new ChartBar(english ? w.Ward.NameEn : w.Ward.Name, w.Figure.Value, w.Status))],
                null, english);
            Figure(html, BarChart.Build(bars), $"{bars.Title}. {bars.Subtitle}", "weakest");
        }

        // The city's five weakest wards sit beside their bar chart, with their counts and status in words.
        Weakest(html, briefing, BriefingTexts.For(english), english);
        html.Append("</div>\n");
    }

    private static void Figure(StringBuilder html, ScottPlot.Plot plot, string alt, string name)
    {
        var png = ChartImage.Png(plot, ChartSize);
        html.Append($"<figure data-chart=\"{E(name)}\"><img src=\"data:image/png;base64,{Convert.ToBase64String(png)}\" alt=\"{E(alt)}\"></figure>\n");
    }

    private static void Weakest(StringBuilder html, BriefingModel briefing, BriefingTexts texts, bool english)
    {
        if (briefing.Weakest is not { } weakest)
        {
            return;
        }

        var kpi = KpiCatalog.Get(weakest.KpiId);
        html.Append($"<section class=\"weakest\">\n<h3>{E(texts.WeakestHeading)}</h3>\n<table>\n<thead><tr>");
        foreach (var column in new[] { texts.RankColumn, texts.WardColumn, texts.ValueColumn, texts.StatusColumn })
        {
            html.Append($"<th scope=\"col\">{E(column)}</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var ward in weakest.Wards)
        {
            var (icon, words) = texts.Status(ward.Status);
            var counts = ward.Figure.Denominator is { } d ? $" ({texts.Value("Count", ward.Figure.Numerator)}/{texts.Value("Count", d)})" : "";
            html.Append($"<tr data-ward=\"{E(ward.Ward.Code)}\"><td class=\"num\">{ward.Rank}</td><th scope=\"row\">{E(english ? ward.Ward.NameEn : ward.Ward.Name)}</th>");
            html.Append($"<td class=\"num value\">{E(texts.Value(kpi.Kind.ToString(), ward.Figure.Value) + counts)}</td>");
            html.Append($"<td class=\"status {E(ward.Status)}\"><span aria-hidden=\"true\">{icon}</span> {E(words)}</td></tr>\n");
        }

        html.Append($"</tbody>\n</table>\n<p class=\"note\">{E(texts.WeakestNote(english ? kpi.NameEn : kpi.NameVi, weakest.WithoutData))}</p>\n</section>\n");
    }

    private static string E(string text) => Html.Encode(text.Normalize(NormalizationForm.FormC));

    // One A4 portrait page: 10 mm margins, type no smaller than 8.5 pt so a phone zoomed to the width still reads it.
    private const string Css = """
        @page { size: A4 portrait; margin: 0; }
        * { box-sizing: border-box; }
        html { font-family: "DejaVu Sans"; font-size: 9.5pt; color: #212121; background: #fff; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0; }
        .page { width: 210mm; min-height: 297mm; padding: 10mm 11mm 8mm; position: relative; }
        p { margin: 0; }
        .issuer { color: #616161; font-size: 8.5pt; }
        h1 { font-size: 16pt; margin: 1mm 0; }
        h2 { font-size: 11pt; margin: 4mm 0 1.5mm; color: #0b3d75; }
        .period { font-size: 10pt; }
        .running { font-size: 8.5pt; color: #9a5b00; font-weight: bold; margin-top: 0.5mm; }
        .muted, .note { color: #616161; font-size: 8.5pt; }
        .note { margin-top: 1mm; }
        table { width: 100%; border-collapse: collapse; }
        th, td { border-bottom: 0.5pt solid #cfd8dc; padding: 1.3mm 1.5mm; text-align: left; vertical-align: top; }
        thead th { background: #eceff3; font-size: 8.5pt; }
        tbody th { font-weight: normal; }
        .num { text-align: right; white-space: nowrap; }
        .value { font-weight: bold; }
        .status { white-space: nowrap; font-weight: bold; }
        .met { color: #1b7f3b; } .near { color: #b26a00; } .missed { color: #c62828; } .none { color: #757575; }
        .change { font-size: 8.5pt; }
        .open { list-style: none; display: flex; gap: 3mm; padding: 0; margin: 0; }
        .open li { flex: 1; border: 0.8pt solid #cfd8dc; border-left-width: 3pt; border-radius: 1.5mm; padding: 1.5mm 2mm; }
        .open-count { font-size: 15pt; font-weight: bold; display: block; }
        .open-label { font-size: 8.5pt; }
        .open-alert { border-color: #c62828; } .open-alert .open-count { color: #c62828; }
        .open-warn { border-color: #b26a00; } .open-warn .open-count { color: #b26a00; }
        .open-clear { border-color: #1b7f3b; }
        .charts { display: flex; flex-wrap: wrap; gap: 3mm; }
        figure, .weakest { margin: 0; width: calc(50% - 1.5mm); break-inside: avoid; }
        .weakest h3 { font-size: 10pt; margin: 0 0 1mm; }
        .weakest th, .weakest td { font-size: 8.5pt; padding: 1mm; }
        .open-info .open-count { color: #0b3d75; }
        figure img { width: 100%; height: auto; display: block; border: 0.5pt solid #cfd8dc; }
        footer { position: absolute; bottom: 6mm; left: 11mm; right: 11mm; font-size: 7.5pt; color: #616161; }
        """;
}
