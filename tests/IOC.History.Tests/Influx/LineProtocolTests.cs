using IOC.History.Influx;

namespace IOC.History.Tests.Influx;

public sealed class LineProtocolTests
{
    private static string Line(string measurement, KeyValuePair<string, string?>[] tags, string[] fields, long[] values, long ns = 1_700_000_000_000_000_000) =>
        LineProtocol.Line(measurement, tags, fields, values, ns);

    [Fact]
    public void CommasSpacesAndEqualsSignsAreEscapedInTagsAndFieldKeys()
    {
        var line = Line("counters", [new("unit", "a,b c=d"), new("k=e y", "v")], ["Field one", "x,y=z"], [1, 2]);

        line.Should().Be("counters,k\\=e\\ y=v,unit=a\\,b\\ c\\=d Field\\ one=1i,x\\,y\\=z=2i 1700000000000000000\n");
    }

    [Fact]
    public void TheMeasurementEscapesCommasAndSpacesButNotEqualsSigns()
    {
        var line = Line("my meas,x=1", [], ["f"], [3]);

        line.Should().Be("my\\ meas\\,x=1 f=3i 1700000000000000000\n");
    }

    [Fact]
    public void QuotesAndVietnameseTextAreWrittenAsTheyAre()
    {
        var line = Line("procedures", [new("procedure", "Đăng ký \"khai sinh\""), new("unit", "Phường Cửa Nam")], ["Received"], [4]);

        line.Should().Be("procedures,procedure=Đăng\\ ký\\ \"khai\\ sinh\",unit=Phường\\ Cửa\\ Nam Received=4i 1700000000000000000\n");
    }

    [Fact]
    public void TagsAreSortedByKeyAndEmptyTagsAreLeftOut()
    {
        var line = Line("m", [new("unit", "00082"), new("channel", ""), new("level", "ward"), new("procedure", null)], ["f"], [1]);

        line.Should().StartWith("m,level=ward,unit=00082 ");
    }

    [Fact]
    public void ZeroFieldsAreLeftOutButAPointKeepsOneField()
    {
        var some = Line("m", [], ["a", "b", "c"], [0, 5, 0]);
        var none = Line("m", [], ["a", "b", "c"], [0, 0, 0]);

        some.Should().Be("m b=5i 1700000000000000000\n");
        none.Should().Be("m c=0i 1700000000000000000\n");
    }

    [Fact]
    public void IntegersCarryTheISuffixAndLargeValuesAndTimestampsStayExact()
    {
        var line = Line("m", [], ["big"], [9_007_199_254_740_993], 1_751_421_600_000_000_123);

        line.Should().Be("m big=9007199254740993i 1751421600000000123\n");
    }

    [Fact]
    public void BackslashesAndLineBreaksInTagValuesBecomeSlashesAndSpaces()
    {
        var cleaned = LineProtocol.TagValue("a\\b\nc\r");

        cleaned.Should().Be("a/b c ");
        Line("m", [new("t", "x\\")], ["f"], [1]).Should().StartWith("m,t=x/ f=1i");
    }

    [Fact]
    public void InfluxQlQuotesIdentifiersAndStringLiterals()
    {
        var identifier = InfluxQl.Identifier("we\"ird\\name");
        var literal = InfluxQl.Literal("it's a \\ test");

        identifier.Should().Be("\"we\\\"ird\\\\name\"");
        literal.Should().Be("'it\\'s a \\\\ test'");
        InfluxQl.Time(1_751_421_600_000).Should().Be("1751421600000ms");
        InfluxQl.Duration(TimeSpan.FromDays(90)).Should().Be("2160h");
        InfluxQl.Duration(TimeSpan.FromMinutes(5)).Should().Be("5m");
    }
}
