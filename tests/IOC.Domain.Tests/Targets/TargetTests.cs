using IOC.Domain.Targets;
using IOC.Domain.Units;

namespace IOC.Domain.Tests.Targets;

public sealed class TargetTests
{
    private static Target AtLeast(double value) =>
        new("dossier.onlineRate", UnitLevel.Ward, null, TargetDirection.AtLeast, value, "year", "", "");

    private static Target AtMost(double value) =>
        new("hotline.abandonmentRate", UnitLevel.Ward, null, TargetDirection.AtMost, value, "day", "", "");

    [Theory]
    [InlineData(60.0, KpiStatus.Met)]
    [InlineData(72.5, KpiStatus.Met)]
    [InlineData(59.99, KpiStatus.Near)]
    [InlineData(55.0, KpiStatus.Near)]
    [InlineData(54.99, KpiStatus.Missed)]
    [InlineData(0.0, KpiStatus.Missed)]
    public void AnAtLeastRateIsMetNearWithinFivePointsOrMissed(double value, KpiStatus expected)
    {
        var target = AtLeast(60);

        var status = target.Evaluate(value, isRate: true);

        status.Should().Be(expected);
    }

    [Theory]
    [InlineData(5.0, KpiStatus.Met)]
    [InlineData(0.0, KpiStatus.Met)]
    [InlineData(7.5, KpiStatus.Near)]
    [InlineData(10.0, KpiStatus.Near)]
    [InlineData(10.01, KpiStatus.Missed)]
    public void AnAtMostRateIsMetNearWithinFivePointsOrMissed(double value, KpiStatus expected)
    {
        var target = AtMost(5);

        var status = target.Evaluate(value, isRate: true);

        status.Should().Be(expected);
    }

    [Fact]
    public void NoValueMeansNoStatus()
    {
        var status = AtLeast(60).Evaluate(null, isRate: true);

        status.Should().Be(KpiStatus.None);
    }

    [Theory]
    [InlineData(0.0, KpiStatus.Met)]
    [InlineData(1.0, KpiStatus.Missed)]
    [InlineData(3.0, KpiStatus.Missed)]
    public void ACountHasNoNearBand(double overdue, KpiStatus expected)
    {
        var target = new Target("dossier.overduePending", UnitLevel.Ward, null, TargetDirection.AtMost, 0, "day", "", "");

        var status = target.Evaluate(overdue, isRate: false);

        status.Should().Be(expected);
    }

    [Fact]
    public void AnAtLeastCountJustBelowTheTargetIsMissedNotNear()
    {
        var status = AtLeast(60).Evaluate(59, isRate: false);

        status.Should().Be(KpiStatus.Missed);
    }

    [Fact]
    public void DirectionSymbolsAndStatusNamesMatchTheWire()
    {
        var symbols = (AtLeast(1).DirectionSymbol, AtMost(1).DirectionSymbol);

        symbols.Should().Be((">=", "<="));
        new[] { KpiStatus.None, KpiStatus.Met, KpiStatus.Near, KpiStatus.Missed }.Select(s => s.ToWire())
            .Should().Equal("none", "met", "near", "missed");
    }
}
