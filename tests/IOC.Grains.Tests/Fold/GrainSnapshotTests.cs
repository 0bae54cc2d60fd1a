using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.Grains.Fold;

namespace IOC.Grains.Tests.Fold;

public sealed class GrainSnapshotTests
{
    private static readonly UnitKey Ward = new(UnitLevel.Ward, "00082");
    private static readonly DateTimeOffset Now = new(2025, 7, 2, 10, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public void TheTimeAloneIsNotAChange()
    {
        var earlier = GrainSnapshot.Empty(Ward, Now);
        var later = GrainSnapshot.Empty(Ward, Now.AddMinutes(3));

        var same = later.SameFiguresAs(earlier);

        same.Should().BeTrue();
    }

    [Fact]
    public void ADifferentGaugeOrCounterInAnyWindowIsAChange()
    {
        var baseline = GrainSnapshot.Empty(Ward, Now);
        var gauges = baseline with { Gauges = new Gauges(0, 0, 0, 0, OverdueTickets: 1) };
        var windows = default(WindowCounters);
        windows[(int)KpiWindow.YearToDate][Counter.DocumentsSignedDigitally] = 1;
        var counters = baseline with { Windows = windows };

        var results = (gauges.SameFiguresAs(baseline), counters.SameFiguresAs(baseline), baseline.SameFiguresAs(null));

        results.Should().Be((false, false, false));
    }
}
