using System.Reflection;
using IOC.Dashboards.Localization;

namespace IOC.Dashboards.Tests.Localization;

public class UiTests
{
    [Theory]
    [InlineData(95.34, "95,3%", "95.3%")]
    [InlineData(60, "60%", "60%")]
    [InlineData(99.96, "100%", "100%")]
    [InlineData(0, "0%", "0%")]
    [InlineData(33.333, "33,3%", "33.3%")]
    public void PercentagesKeepOneDecimalUnlessWhole(double value, string vietnamese, string english)
    {
        Ui.Vietnamese.Percent(value).Should().Be(vietnamese);
        Ui.English.Percent(value).Should().Be(english);
    }

    [Fact]
    public void CountsAndDatesFollowEachLanguagesCulture()
    {
        var at = DateTimeOffset.Parse("2026-11-20T14:05:09+07:00");

        Ui.Vietnamese.Count(1234567).Should().Be("1.234.567");
        Ui.English.Count(1234567).Should().Be("1,234,567");
        Ui.Vietnamese.Date(at).Should().Be("Thứ Sáu, 20/11/2026");
        Ui.English.Date(at).Should().Be("Fri 20 Nov 2026");
        Ui.Vietnamese.Time(at).Should().Be("14:05:09");
    }

    [Theory]
    [InlineData("en", "en")]
    [InlineData("EN", "en")]
    [InlineData("vi", "vi")]
    [InlineData(null, "vi")]
    [InlineData("fr", "vi")]
    public void VietnameseIsTheDefaultAndEnglishTheOnlyAlternative(string? asked, string expected)
    {
        Ui.For(asked).Lang.Should().Be(expected);
    }

    [Fact]
    public void EveryTextExistsInBothLanguages()
    {
        var strings = typeof(Ui).Assembly.GetType("IOC.Dashboards.Localization.Strings")!;
        var keys = (IEnumerable<string>)strings.GetProperty("Keys", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

        keys.Should().NotBeEmpty();
        keys.Should().OnlyContain(k => Ui.Vietnamese[k] != Ui.English[k] || k.StartsWith("tile.of", StringComparison.Ordinal) || Ui.Vietnamese[k].Length < 4);
        keys.Should().OnlyContain(k => !Ui.Vietnamese[k].StartsWith('[') && !Ui.English[k].StartsWith('['));
    }

    [Fact]
    public void AMissingTextShowsItsKeyRatherThanNothing()
    {
        Ui.Vietnamese["no.such.key"].Should().Be("[no.such.key]");
    }
}
