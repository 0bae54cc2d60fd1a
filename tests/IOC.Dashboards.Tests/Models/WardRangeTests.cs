using IOC.Dashboards.Models;
using IOC.History.Reading;

namespace IOC.Dashboards.Tests.Models;

public class WardRangeTests
{
    private static readonly DateOnly Today = new(2025, 7, 10);

    [Theory]
    [InlineData(null, "2025-07-10", "2025-07-11", HistoryStep.FiveMinutes)]
    [InlineData("7d", "2025-07-04", "2025-07-11", HistoryStep.Hour)]
    [InlineData("30d", "2025-06-11", "2025-07-11", HistoryStep.Day)]
    [InlineData("90d", "2025-04-12", "2025-07-11", HistoryStep.Day)]
    public void PresetsEndTodayAndChooseTheirStep(string? key, string from, string to, HistoryStep step)
    {
        var range = WardRange.Parse(key, null, null, Today);

        range.FromParameter.Should().Be(from);
        range.ToParameter.Should().Be(to);
        range.Step.Should().Be(step);
    }

    [Fact]
    public void ACustomRangeIncludesItsLastDay()
    {
        var range = WardRange.Parse("custom", "2025-07-01", "2025-07-03", Today);

        range.Key.Should().Be("custom");
        range.Days.Should().Be(3);
        range.ToParameter.Should().Be("2025-07-04");
        range.Step.Should().Be(HistoryStep.Hour);
    }

    [Theory]
    [InlineData("2025-07-05", "2025-07-01")]
    [InlineData("yesterday", "2025-07-01")]
    [InlineData("2023-01-01", "2025-07-01")]
    public void AReversedUnreadableOrTooLongCustomRangeFallsBackToToday(string from, string to)
    {
        var range = WardRange.Parse("custom", from, to, Today);

        range.Key.Should().Be("today");
        range.FirstDay.Should().Be(Today);
    }

    [Fact]
    public void ACustomRangeTypedDayFirstOnThePageIsRead()
    {
        var range = WardRange.Parse("custom", "01/07/2025", "3/7/2025", Today);

        (range.Key, range.FromParameter, range.ToParameter).Should().Be(("custom", "2025-07-01", "2025-07-04"));
        WardRange.Problem("custom", "01/07/2025", "3/7/2025").Should().BeNull();
    }

    [Theory]
    [InlineData("31/02/2025", "03/07/2025", "from", "date.invalid")]
    [InlineData("", "03/07/2025", "from", "date.missing")]
    [InlineData("05/07/2025", "01/07/2025", "to", "date.reversed")]
    [InlineData("01/01/2023", "01/07/2025", "to", "date.toolong")]
    public void ACustomRangeThatCannotBeShownNamesTheFieldAndTheReason(string from, string to, string field, string reason)
    {
        var problem = WardRange.Problem("custom", from, to);

        (problem!.Field, problem.Reason).Should().Be((field, reason));
    }
}
