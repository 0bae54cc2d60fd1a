using IOC.Review.Periods;

namespace IOC.Review.Tests.Periods;

public sealed class ReviewPeriodTests
{
    private static readonly DateOnly Today = new(2026, 11, 21);

    [Fact]
    public void NoParametersMeanTheCurrentMonth()
    {
        Parse(null, null, null, null).Should().Be(new ReviewPeriod(PeriodKind.Month, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)));
    }

    [Theory]
    [InlineData("month", "2024-02", "2024-02-01", "2024-02-29")]
    [InlineData("quarter", "2026-Q1", "2026-01-01", "2026-03-31")]
    [InlineData("quarter", "2026-q4", "2026-10-01", "2026-12-31")]
    [InlineData("year", "2025", "2025-01-01", "2025-12-31")]
    public void NamedPeriodsCoverWholeCalendarUnits(string kind, string value, string first, string last)
    {
        var period = Parse(kind, value, null, null);

        (period.FirstDay, period.LastDay).Should().Be((DateOnly.Parse(first), DateOnly.Parse(last)));
    }

    [Fact]
    public void ACustomPeriodIncludesItsLastDayAndEndsAtTheFollowingMidnightHanoiTime()
    {
        var period = Parse("custom", null, "2026-11-01", "2026-11-21");

        period.Days.Should().Be(21);
        period.From.Should().Be(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(7)));
        period.To.Should().Be(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.FromHours(7)));
        period.Query.Should().Be("period=custom&from=2026-11-01&to=2026-11-21");
    }

    [Theory]
    [InlineData("week", null, null, null, "period")]
    [InlineData("month", null, null, null, "value")]
    [InlineData("month", "2026-13", null, null, "value")]
    [InlineData("month", "11/2026", null, null, "value")]
    [InlineData("quarter", "2026-Q0", null, null, "value")]
    [InlineData("quarter", "2026Q4", null, null, "value")]
    [InlineData("year", "26", null, null, "value")]
    [InlineData("year", "1999", null, null, "value")]
    [InlineData("custom", null, null, "2026-11-01", "from")]
    [InlineData("custom", null, "2026-11-31", "2026-12-01", "from")]
    [InlineData("custom", null, "2026-11-01", null, "to")]
    [InlineData("custom", null, "2026-11-02", "2026-11-01", "to")]
    [InlineData("custom", null, "2025-01-01", "2026-01-02", "to")]
    public void AWrongParameterIsNamedAndTheCurrentMonthIsKept(string kind, string? value, string? from, string? to, string field)
    {
        ReviewPeriod.TryParse(kind, value, from, to, Today, out var period, out var error).Should().BeFalse();

        error!.Field.Should().Be(field);
        error.Reason.Should().NotBeNullOrWhiteSpace();
        period.Should().Be(ReviewPeriod.MonthOf(Today));
    }

    [Fact]
    public void A366DayCustomPeriodIsAllowedForALeapYear()
    {
        Parse("custom", null, "2028-01-01", "2028-12-31").Days.Should().Be(366);
    }

    [Fact]
    public void LabelsNameThePeriodInBothLanguages()
    {
        var quarter = ReviewPeriod.Quarter(2026, 4);

        (quarter.LabelVi, quarter.LabelEn).Should().Be(("Quý IV/2026", "Q4 2026"));
        (ReviewPeriod.Month(2026, 11).LabelVi, ReviewPeriod.Month(2026, 11).LabelEn).Should().Be(("Tháng 11/2026", "November 2026"));
        (ReviewPeriod.Year(2026).LabelVi, ReviewPeriod.Year(2026).LabelEn).Should().Be(("Năm 2026", "2026"));
        Parse("custom", null, "2026-11-01", "2026-11-21").LabelVi.Should().Be("01/11/2026 – 21/11/2026");
    }

    [Fact]
    public void PreviousAndNextStepOneUnitAcrossYearEnds()
    {
        ReviewPeriod.Month(2026, 1).Previous().Should().Be(ReviewPeriod.Month(2025, 12));
        ReviewPeriod.Quarter(2026, 1).Previous().Should().Be(ReviewPeriod.Quarter(2025, 4));
        ReviewPeriod.Quarter(2025, 4).Next().Should().Be(ReviewPeriod.Quarter(2026, 1));
        ReviewPeriod.Year(2026).Next().Should().Be(ReviewPeriod.Year(2027));
        Parse("custom", null, "2026-11-11", "2026-11-20").Previous().Should().Be(Parse("custom", null, "2026-11-01", "2026-11-10"));
    }

    [Fact]
    public void ATrendHasDailyPointsUpToAQuarterAndMonthlyBeyond()
    {
        ReviewPeriod.Quarter(2026, 3).MonthlyTrend.Should().BeFalse("92 days");
        ReviewPeriod.Year(2026).MonthlyTrend.Should().BeTrue();
    }

    [Fact]
    public void TheQueryStringParsesBackToTheSamePeriod()
    {
        foreach (var period in new[] { ReviewPeriod.Month(2026, 2), ReviewPeriod.Quarter(2026, 3), ReviewPeriod.Year(2025), Parse("custom", null, "2026-10-05", "2026-11-04") })
        {
            var query = period.Query.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
            ReviewPeriod.TryParse(query["period"], query.GetValueOrDefault("value"), query.GetValueOrDefault("from"), query.GetValueOrDefault("to"), Today, out var back, out _)
                .Should().BeTrue();
            back.Should().Be(period);
        }
    }

    private static ReviewPeriod Parse(string? kind, string? value, string? from, string? to)
    {
        ReviewPeriod.TryParse(kind, value, from, to, Today, out var period, out var error).Should().BeTrue(error?.ToString());
        return period;
    }
}
