using IOC.Domain.Kpis;
using ScottPlot;

namespace IOC.Charts.Tests;

public class BarChartTests
{
    [Fact]
    public void TheWeakestWardIsTheTopBarColouredByItsStatusAndLabelledWithItsValue()
    {
        var input = new BarChartInput("Năm phường, xã yếu nhất", "Tỷ lệ giải quyết đúng hạn · 11/2026", KpiKind.Rate,
        [
            new ChartBar("Phường Ba Đình", 62.5, "missed"),
            new ChartBar("Phường Cửa Nam", 91, "near"),
            new ChartBar("Xã Sóc Sơn", null, "none"),
        ], new ChartTarget(95, ">="), English: false);
        var plot = BarChart.Build(input);

        var bytes = ChartImage.Png(plot, new ChartSize(900, 420));
        Artifacts.Save("bars", bytes);
        using var png = new Pixels(bytes);
        var svg = ChartImage.Svg(plot, new ChartSize(900, 420));
        var top = plot.GetPixel(new Coordinates(30, 2));
        var second = plot.GetPixel(new Coordinates(30, 1));

        png.Rows("#c62828", (int)top.X - 2, (int)top.X + 2).Should().Contain(r => Math.Abs(r - top.Y) < 5, "the missed ward is red, at the top");
        png.Rows("#b26a00", (int)second.X - 2, (int)second.X + 2).Should().Contain(r => Math.Abs(r - second.Y) < 5, "the near ward is amber, below it");
        svg.Should().Contain("62,5%").And.Contain("Phường Ba Đình").And.Contain("Xã Sóc Sơn (chưa có số liệu trong kỳ này)").And.Contain("Chỉ tiêu ≥ 95%");
    }
}
