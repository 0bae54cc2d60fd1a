using IOC.Review.Briefing;

namespace IOC.Review.Tests.Briefing;

public class BriefingPeriodTests
{
    private static readonly DateOnly Today = new(2026, 12, 3); // a Thursday

    [Fact]
    public void NoPeriodAndNoDateIsToday()
    {
        BriefingPeriod.TryParse(null, null, Today, out var period, out var error).Should().BeTrue();

        error.Should().BeNull();
        (period.Kind, period.FirstDay, period.LastDay).Should().Be((BriefingKind.Day, Today, Today));
        period.Step.Should().Be("1h");
        period.To.Should().Be(period.From.AddDays(1));
    }

    [Fact]
    public void AWeekRunsFromMondayToSundayAroundTheDate()
    {
        BriefingPeriod.TryParse("week", "2026-11-29", Today, out var sunday, out _);
        BriefingPeriod.TryParse("week", "2026-11-23", Today, out var monday, out _);

        (sunday.FirstDay, sunday.LastDay).Should().Be((new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 29)));
        (monday.FirstDay, monday.LastDay).Should().Be((new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 29)));
        sunday.Label(english: false).Should().Be("Tuần 23/11 – 29/11/2026");
        sunday.Label(english: true).Should().Be("Week 23 Nov – 29 Nov 2026");
        sunday.Step.Should().Be("1d");
    }

    [Fact]
    public void AMonthIsTheCalendarMonthOfTheDate()
    {
        BriefingPeriod.TryParse("month", "2026-02-14", Today, out var february, out _);

        (february.FirstDay, february.LastDay).Should().Be((new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28)));
        february.Label(english: false).Should().Be("Tháng 02/2026");
        february.Label(english: true).Should().Be("February 2026");
    }

    [Theory]
    [InlineData("year", null, "period")]
    [InlineData("day", "03/12/2026", "date")]
    [InlineData("day", "2026-12-04", "date")]
    public void ABadPeriodOrDateIsNamedWithTheReason(string period, string? date, string field)
    {
        BriefingPeriod.TryParse(period, date, Today, out _, out var error).Should().BeFalse();

        error!.Value.Field.Should().Be(field);
        error.Value.Reason.Should().NotBeNullOrWhiteSpace();
    }
}
