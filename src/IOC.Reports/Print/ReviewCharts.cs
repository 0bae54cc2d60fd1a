using System.Text;
using IOC.Charts;
using IOC.Domain.Kpis;
using IOC.Review.Reports;

namespace IOC.Reports.Print;

/// <summary>
/// The printed review's trend charts, drawn by ScottPlot: one chart per committed KPI with a line for each agency
/// committed to it (its short name in the legend), the commitment's target dashed, dates (or months, for periods
/// longer than a quarter) on the time axis in the report's language. PNG at about 300 dpi as printed (data: URI),
/// two charts side by side on A4 landscape. The small sparkline in each table cell stays vector SVG: at 8 mm high a
/// picture would only blur it; the charts here are where the trend is read.
/// </summary>
internal static class ReviewCharts
{
    /// <summary>640 × 260 CSS pixels drawn 2.5 times denser: 1600 × 650 pixels for a figure 133 mm wide.</summary>
    public static readonly ChartSize PrintSize = new(640, 260, 2.5f);

    public const string Css = """

        .trend-charts { break-before: page; }
        .chart-grid { display: flex; flex-wrap: wrap; gap: 4mm; }
        .trend-chart { width: calc(50% - 2mm); margin: 0; break-inside: avoid; }
        .trend-chart img { width: 100%; height: auto; display: block; border: 0.5pt solid #bdbdbd; }

        """;

    public static void Append(StringBuilder html, ReviewReport report, bool english)
    {
        var words = ReviewWords.For(english);
        html.Append($"<section class=\"trend-charts\">\n<h2>{ReviewHtml.Encode(english ? "Appendix: trends of the commitments" : "Phụ lục: Diễn biến thực hiện các cam kết")}</h2>\n");
        html.Append("<div class=\"chart-grid\">\n");
        foreach (var kpi in report.Kpis)
        {
            var input = Input(report, kpi, words, english);
            var png = ChartImage.Png(LineChart.Build(input), PrintSize);
            html.Append($"<figure class=\"trend-chart\" data-kpi=\"{ReviewHtml.Encode(kpi)}\"><img src=\"data:image/png;base64,{Convert.ToBase64String(png)}\" ");
            html.Append($"alt=\"{ReviewHtml.Encode($"{input.Title}. {input.Subtitle}")}\"></figure>\n");
        }

        html.Append("</div>\n</section>\n");
    }

    /// <summary>What one KPI's chart shows: every agency committed to it, the commitment's target, the report's period.</summary>
    internal static LineChartInput Input(ReviewReport report, string kpi, ReviewWords words, bool english)
    {
        var definition = KpiCatalog.Get(kpi);
        var commitment = report.CommitmentOn(kpi);
        var lines = report.Agencies
            .Select(a => (a.Agency, Cell: report.Cell(a.Agency.Code, kpi)))
            .Where(a => a.Cell is not null)
            .Select(a => new ChartLine(
                english ? a.Agency.ShortNameEn : a.Agency.ShortName,
                [.. a.Cell!.Trend.Select(p => new ChartPoint(p.Start.ToDateTime(TimeOnly.MinValue), p.Value))]))
            .ToList();
        var monthly = report.Period.MonthlyTrend;
        var step = english ? (monthly ? "per month" : "per day") : (monthly ? "theo tháng" : "theo ngày");
        return new LineChartInput(
            english ? definition.NameEn : definition.NameVi,
            $"{words.Period(report.Period)} · {step}",
            definition.Kind,
            monthly ? ChartStep.Months : ChartStep.Days,
            lines,
            new ChartTarget(commitment.Value, commitment.Direction == IOC.Domain.Targets.TargetDirection.AtLeast ? ">=" : "<="),
            english);
    }
}
