using IOC.Dashboards.Models;

namespace IOC.Dashboards.Tests.Models;

public class PageDateTests
{
    [Theory]
    [InlineData("05/10/2026")]
    [InlineData("5/10/2026")]
    [InlineData("05.10.2026")]
    [InlineData("05-10-2026")]
    [InlineData(" 05/10/2026 ")]
    [InlineData("2026-10-05")]
    public void ADayIsReadDayFirstWhicheverSeparatorIsTyped(string text)
    {
        PageDate.Parse(text).Should().Be(new DateOnly(2026, 10, 5));
    }

    [Theory]
    [InlineData("31/02/2026")]
    [InlineData("10/5")]
    [InlineData("2026/10/05")]
    [InlineData("")]
    [InlineData(null)]
    public void TextThatIsNoRealDayIsNotRead(string? text)
    {
        PageDate.Parse(text).Should().BeNull();
    }

    [Fact]
    public void ADayIsShownDayFirstAndGivenToLinksAsIso()
    {
        PageDate.Format(new DateOnly(2026, 3, 7)).Should().Be("07/03/2026");
        PageDate.ToIso("7/3/2026").Should().Be("2026-03-07");
        PageDate.ToIso("soon").Should().Be("soon", "what cannot be read is passed on, so the error names what was typed");
    }
}
