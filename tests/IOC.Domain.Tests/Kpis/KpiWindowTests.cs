using IOC.Domain.Kpis;

namespace IOC.Domain.Tests.Kpis;

public sealed class KpiWindowTests
{
    [Theory]
    [InlineData("today", KpiWindow.Today)]
    [InlineData("60m", KpiWindow.Last60Minutes)]
    [InlineData("mtd", KpiWindow.MonthToDate)]
    [InlineData("ytd", KpiWindow.YearToDate)]
    [InlineData("TODAY", KpiWindow.Today)]
    [InlineData("Mtd", KpiWindow.MonthToDate)]
    public void TryParseReadsTheWireNamesIgnoringCase(string text, KpiWindow expected)
    {
        var ok = KpiWindows.TryParse(text, out var window);

        ok.Should().BeTrue();
        window.Should().Be(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("60")]
    [InlineData("week")]
    [InlineData(" today")]
    [InlineData("Last60Minutes")]
    public void TryParseRefusesAnythingElse(string? text)
    {
        var ok = KpiWindows.TryParse(text, out _);

        ok.Should().BeFalse();
    }

    [Fact]
    public void EveryWindowRoundTripsThroughItsWireName()
    {
        var names = KpiWindows.All.Select(w => w.ToWire()).ToArray();

        var parsed = names.Select(n => KpiWindows.TryParse(n, out var w) ? w : (KpiWindow?)null);

        names.Should().Equal("today", "60m", "mtd", "ytd", "7d");
        parsed.Should().Equal(KpiWindow.Today, KpiWindow.Last60Minutes, KpiWindow.MonthToDate, KpiWindow.YearToDate, KpiWindow.Last7Days);
    }
}
