using System.Text;
using IOC.History.Influx;
using IOC.History.Store;

namespace IOC.History.Tests.Influx;

public sealed class InfluxResultParserTests
{
    private static IReadOnlyList<InfluxStatement> Parse(string json) => InfluxResultParser.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void SeriesTagsColumnsNumbersAndNullsOfEveryStatementAreRead()
    {
        var statements = Parse("""
            {"results":[
              {"statement_id":0,"series":[
                {"name":"counters","tags":{"level":"ward","unit":"00082"},"columns":["time","A","B"],"values":[[1751389200000,3,null],[1751392800000,4,1.5]]},
                {"name":"counters","tags":{"level":"ward","unit":"Cửa Nam"},"columns":["time","A","B"],"values":[[1751389200000,7,2]]}]},
              {"statement_id":1}]}
            """);

        statements.Should().HaveCount(2);
        var first = statements[0].Series;
        first.Should().HaveCount(2);
        first[0].Tags.Should().Equal(new Dictionary<string, string> { ["level"] = "ward", ["unit"] = "00082" });
        first[0].Columns.Should().Equal("time", "A", "B");
        first[0].Rows[0].Should().Equal(1751389200000L, 3L, null);
        first[0].Rows[1][2].Should().Be(1.5);
        first[1].Tags["unit"].Should().Be("Cửa Nam");
        first[0].Column("B").Should().Be(2);
        statements[1].Series.Should().BeEmpty();
    }

    [Fact]
    public void CellsReadAsWholeNumbersWithNullAsZero()
    {
        var values = new object?[] { 12L, null, 2.5, 3.4999 }.Select(InfluxResultParser.AsLong);

        values.Should().Equal(12, 0, 2, 3);
    }

    [Fact]
    public void AStatementErrorIsThrownWithItsMessage()
    {
        var act = () => Parse("""{"results":[{"statement_id":0},{"statement_id":1,"error":"database not found: ioc"}]}""");

        act.Should().Throw<HistoryStoreException>().WithMessage("*statement 1*database not found: ioc*");
    }

    [Fact]
    public void ARequestErrorIsThrown()
    {
        var act = () => Parse("""{"error":"error parsing query: found EOF"}""");

        act.Should().Throw<HistoryStoreException>().WithMessage("*error parsing query*");
    }

    [Fact]
    public void AResultCutShortByTheRowLimitIsThrownNotReturnedShort()
    {
        var act = () => Parse("""{"results":[{"statement_id":0,"series":[{"name":"c","columns":["time","A"],"values":[[1,1]],"partial":true}]}]}""");

        act.Should().Throw<HistoryStoreException>().WithMessage("*max-row-limit*");
    }

    [Fact]
    public void AnAnswerWithoutResultsIsThrown()
    {
        var act = () => Parse("""{"unexpected":true}""");

        act.Should().Throw<HistoryStoreException>().WithMessage("*no 'results'*");
    }
}
