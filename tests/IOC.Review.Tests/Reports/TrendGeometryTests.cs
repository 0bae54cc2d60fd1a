using IOC.Review.Periods;
using IOC.Review.Reports;

namespace IOC.Review.Tests.Reports;

public sealed class TrendGeometryTests
{
    /// <summary>
    /// November 2026: 30 days. A trend read to the end of the month puts day d at x = inset + (width − 2·inset) · (d − 1) / 29;
    /// a trend read to day n (a month still running) spreads the days it has across the box: (d − 1) / (n − 1).
    /// </summary>
    private static readonly ReviewPeriod November = ReviewPeriod.Month(2026, 11);

    [Fact]
    public void PointsSitByDateAcrossThePeriodOnAScaleRoundedToTens()
    {
        // Box 300 × 60, inset 10: x = 10 + 280 · (d − 1) / 29. Values 92 and 97.5, target 95: scale 90..100, y = 50 − 40 · (v − 90) / 10.
        var geometry = TrendGeometry.From([Day(1, 92), Day(30, 97.5)], November, target: 95, width: 300, height: 60, inset: 10);

        (geometry.High, geometry.Low).Should().Be((100, 90));
        geometry.Runs.Should().ContainSingle();
        geometry.Runs[0][0].X.Should().BeApproximately(10, 1e-9);
        geometry.Runs[0][0].Y.Should().BeApproximately(42, 1e-9);
        geometry.Runs[0][1].X.Should().BeApproximately(290, 1e-9);
        geometry.Runs[0][1].Y.Should().BeApproximately(20, 1e-9);
        geometry.TargetY.Should().BeApproximately(30, 1e-9);
    }

    [Fact]
    public void ADayWithoutDataBreaksTheLineAndALoneDayIsAPointOfItsOwn()
    {
        var geometry = TrendGeometry.From([Day(1, 50), Day(2, 60), Day(3, null), Day(4, 70), Day(5, null)], November, 100, 300, 60, 10);

        geometry.Runs.Select(r => r.Count).Should().Equal(2, 1);
        geometry.Last!.Value.X.Should().BeApproximately(10 + (280.0 * 3 / 4), 1e-9, "day 4 of the five days read");
        (geometry.High, geometry.Low).Should().Be((100, 50), "the target counts in the scale");
    }

    [Fact]
    public void ThreeDaysIntoAMonthTheLineSpansTheWholeBoxNotItsFirstTenth()
    {
        var geometry = TrendGeometry.From([Day(1, 92), Day(2, 94), Day(3, 96)], November, 95, 300, 60, 10);

        geometry.Runs.Single().Select(p => p.X).Should().Equal(10, 150, 290);
    }

    [Fact]
    public void TheFirstDayOfAPeriodIsADotAtTheRightEndWhereTheLatestPointSits()
    {
        var geometry = TrendGeometry.From([Day(1, 92)], November, 95, 300, 60, 10);

        geometry.Last!.Value.X.Should().Be(290);
    }

    [Fact]
    public void NoDataDrawsNothingButTheTargetOnATenPointScale()
    {
        var geometry = TrendGeometry.From([Day(1, null)], November, 100, 300, 60, 10);

        geometry.Runs.Should().BeEmpty();
        geometry.Last.Should().BeNull();
        (geometry.High, geometry.Low).Should().Be((100, 90));
        geometry.TargetY.Should().BeApproximately(10, 1e-9);
    }

    private static TrendPoint Day(int day, double? value) => new(new DateOnly(2026, 11, day), value);
}
