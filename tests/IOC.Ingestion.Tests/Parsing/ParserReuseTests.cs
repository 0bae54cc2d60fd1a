using System.Text;
using System.Text.Json.Nodes;
using IOC.Domain.Events;
using IOC.Ingestion.Parsing;
using IOC.Tests.Shared;
using static IOC.Ingestion.Tests.SampleEvents;

namespace IOC.Ingestion.Tests.Parsing;

/// <summary>
/// The parser reuses one field reader per thread and reads names, enums and timestamps from their UTF-8 bytes: none
/// of that may show in what an item parses to, whatever came before it, the order of its fields or how its strings
/// are escaped.
/// </summary>
public sealed class ParserReuseTests
{
    private static readonly EventParser Parser = new(Seed.Units);

    [Fact]
    public void TheErrorsOfOneItemStayItsOwnWhenTheNextItemsAreRead()
    {
        var first = Parse(Valid("dossier.received").Without("channel").With("waitSeconds", 3));
        var second = Parse(Valid("hotline.call").With("waitSeconds", -1));
        var third = Parse(Valid("dossier.received"));

        first.Error!.Errors.Select(e => e.Field).Should().Equal("waitSeconds", "channel");
        second.Error!.Errors.Select(e => e.Field).Should().Equal("waitSeconds");
        third.Error.Should().BeNull();
        third.Event.Should().Be(Parse(Valid("dossier.received")).Event);
    }

    [Theory]
    [MemberData(nameof(EventParserTests.AllTypes), MemberType = typeof(EventParserTests))]
    public void AnEventsFieldsInAnyOrderReadAsTheSameEvent(string type)
    {
        var valid = Valid(type);
        var expected = Parse(valid).Event;
        var names = valid.Select(p => p.Key).ToArray();
        var random = new Random(7);

        foreach (var order in new[] { names.Reverse().ToArray(), random.GetItems(names, names.Length).Distinct().Concat(names).Distinct().ToArray() })
        {
            var reordered = new JsonObject(order.Select(n => KeyValuePair.Create(n, valid[n]?.DeepClone())));

            Parse(reordered).Event.Should().Be(expected, $"fields in the order {string.Join(", ", order)}");
        }
    }

    [Fact]
    public void EscapedTypesEnumsAndTimestampsReadAsThePlainOnes()
    {
        var plain = Valid("dossier.received").ToJsonString();
        var escaped = plain
            .Replace("\"dossier.received\"", "\"dossier\\u002ereceived\"", StringComparison.Ordinal)
            .Replace("\"online\"", "\"\\u006fnline\"", StringComparison.Ordinal)
            .Replace("\"2025-07-04T17:00:00+07:00\"", "\"2025-07-04\\u005417:00:00+07:00\"", StringComparison.Ordinal);
        escaped.Should().NotBe(plain);

        Parse(escaped).Event.Should().Be(Parse(plain).Event);
    }

    [Theory]
    [InlineData("type")]
    [InlineData("channel")]
    [InlineData("at")]
    public void ALoneSurrogateInAVocabularyOrTimestampFieldIsNamedAsNotUnicode(string field)
    {
        var json = Valid("dossier.received").With(field, "PLACEHOLDER").ToJsonString().Replace("PLACEHOLDER", "\\ud800", StringComparison.Ordinal);

        var error = Parse(json).Error!;

        error.Errors.Should().Contain(e => e.Field == field && e.Reason.StartsWith("is not valid Unicode", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2025-07-02T02:00:00z")]
    [InlineData("2025-07-02T02:00:00Z")]
    [InlineData("2025-07-02T09:00:00.000+07:00")]
    public void EveryFormOfATimestampReadsAsTheSameInstant(string at)
    {
        Parse(Valid("hotline.call").With("at", at)).Event!.At.Should().Be(Now);
    }

    [Theory]
    [InlineData("2025-07-02T09:00:00", "must be an ISO 8601 timestamp with an offset*")]
    [InlineData("1999-07-02T09:00:00+07:00", "1999-07-02T09:00:00+07:00 is outside the years 2000 to 2099")]
    [InlineData("2025-13-02T09:00:00+07:00", "must be an ISO 8601 timestamp with an offset*")]
    [InlineData("２０２５-07-02T09:00:00+07:00", "must be an ISO 8601 timestamp with an offset*")]
    public void ATimestampThatIsNotPlainGetsTheSameErrorAsBefore(string at, string reason)
    {
        var error = Parse(Valid("hotline.call").With("at", at)).Error!;

        error.Field.Should().Be("at");
        error.Reason.Should().Match(reason);
    }

    [Fact]
    public void ItemsParsedOnManyThreadsAtOnceReadAsOneAtATime()
    {
        var items = Enumerable.Range(0, 2_000).Select(i => i % 3 == 0
            ? Valid(Types[i % Types.Length], $"e{i}").With("at", "not a time")
            : Valid(Types[i % Types.Length], $"e{i}")).ToArray();
        var expected = items.Select(i => Describe(Parse(i))).ToArray();

        var parallel = new string[items.Length];
        Parallel.For(0, items.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = Describe(Parse(items[i])));

        parallel.Should().Equal(expected);
    }

    private static string Describe(ParseResult result) =>
        result.Event is { } e ? e.ToString() : string.Join("; ", result.Error!.Errors.Select(x => $"{x.Field} {x.Reason}"));

    private static ParseResult Parse(JsonNode json) => Parse(json.ToJsonString());

    private static ParseResult Parse(string json)
    {
        using var items = BatchReader.Read(Encoding.UTF8.GetBytes(json), ndjson: false, maxEvents: 1);
        return Parser.Parse(items[0], Now);
    }
}
