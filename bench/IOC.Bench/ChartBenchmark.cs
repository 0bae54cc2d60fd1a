using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using IOC.Charts;
using IOC.Domain.Kpis;

namespace IOC.Bench;

/// <summary>
/// Time to draw one chart as the chart API does (30 daily points and a target, 1200 × 600 PNG or SVG) and as the
/// briefing and the printed review do (3× denser PNG), measured with BenchmarkDotNet (short job, in process).
/// </summary>
[MemoryDiagnoser]
public class ChartBenchmark
{
    private LineChartInput _month = null!;
    private LineChartInput _day = null!;

    public static int Run()
    {
        // In process: BenchmarkDotNet's usual separate build of the whole project graph overran its 2-minute limit on
        // the shared 2-core machine.
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        var summary = BenchmarkRunner.Run<ChartBenchmark>(config);
        return summary.HasCriticalValidationErrors ? 1 : 0;
    }

    [GlobalSetup]
    public void Setup()
    {
        var start = new DateTime(2026, 11, 1);
        var random = new Random(7);
        _month = Input([.. Enumerable.Range(0, 30).Select(i => new ChartPoint(start.AddDays(i), 85 + (random.NextDouble() * 15)))], ChartStep.Days);
        _day = Input([.. Enumerable.Range(0, 24).Select(i => new ChartPoint(start.AddHours(i), i % 7 == 0 ? null : 70 + (random.NextDouble() * 30)))], ChartStep.Hours);
    }

    [Benchmark(Baseline = true, Description = "30 days, 1200×600 PNG (chart API)")]
    public int MonthPng() => ChartImage.Png(LineChart.Build(_month), ChartSize.Document).Length;

    [Benchmark(Description = "30 days, SVG (chart API)")]
    public int MonthSvg() => ChartImage.Svg(LineChart.Build(_month), ChartSize.Document).Length;

    [Benchmark(Description = "24 hours, 520×260 at 3× PNG (briefing)")]
    public int DayBriefingPng() => ChartImage.Png(LineChart.Build(_day), new ChartSize(520, 260, 3)).Length;

    private static LineChartInput Input(List<ChartPoint> points, ChartStep step) => new(
        "Phường Cửa Nam — Tỷ lệ giải quyết đúng hạn", "01/11/2026 – 30/11/2026 · theo ngày", KpiKind.Rate, step,
        [new ChartLine("Phường Cửa Nam", points)], new ChartTarget(95, ">="), English: false);
}
