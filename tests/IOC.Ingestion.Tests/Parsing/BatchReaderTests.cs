using System.Text;
using IOC.Ingestion.Parsing;
using static IOC.Ingestion.Tests.SampleEvents;

namespace IOC.Ingestion.Tests.Parsing;

public sealed class BatchReaderTests
{
    [Theory]
    [InlineData("{\"id\": \"a\",")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("[{\"id\":\"a\"}] trailing")]
    public void InvalidJsonIsUnreadable(string body)
    {
        var act = () => BatchReader.Read(Bytes(body), ndjson: false, maxEvents: 10);

        act.Should().Throw<BatchRejectedException>().Which.Kind.Should().Be(BatchRejection.Unreadable);
    }

    [Theory]
    [InlineData(false, "[{\"id\":\"a\"},{\"id\":\"b\"}]")]
    [InlineData(true, "{\"id\":\"a\"}\n{\"id\":\"b\"}\n")]
    public void AByteOrderMarkBeforeTheJsonIsIgnored(bool ndjson, string body)
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(body)).ToArray();

        using var batch = BatchReader.Read(bytes, ndjson, maxEvents: 10);

        batch.Select(i => i.Json.GetProperty("id").GetString()).Should().Equal("a", "b");
    }

    [Theory]
    [InlineData("42")]
    [InlineData("\"an event\"")]
    [InlineData("null")]
    [InlineData("true")]
    public void AJsonRootThatIsNeitherArrayNorObjectIsUnreadable(string body)
    {
        var act = () => BatchReader.Read(Bytes(body), ndjson: false, maxEvents: 10);

        act.Should().Throw<BatchRejectedException>()
            .Where(e => e.Kind == BatchRejection.Unreadable)
            .WithMessage("Body must be a JSON array of events (or one event object).");
    }

    [Fact]
    public void OneObjectIsABatchOfOne()
    {
        var items = BatchReader.Read(Bytes("{\"id\":\"a\"}"), ndjson: false, maxEvents: 10);

        items.Should().ContainSingle().Which.Should().Match<RawItem>(i => i.Index == 0 && i.Raw == "{\"id\":\"a\"}");
    }

    [Fact]
    public void AnArrayKeepsEachItemsIndexAndRawText()
    {
        var items = BatchReader.Read(Bytes("[ {\"id\":\"a\"} , {\"id\": \"b\"} ]"), ndjson: false, maxEvents: 2);

        items.Select(i => (i.Index, i.Raw)).Should().Equal((0, "{\"id\":\"a\"}"), (1, "{\"id\": \"b\"}"));
        items[1].Json.GetProperty("id").GetString().Should().Be("b");
    }

    [Fact]
    public void AnArrayOverTheLimitIsTooLarge()
    {
        var body = Array(Valid("hotline.call", "a"), Valid("hotline.call", "b"), Valid("hotline.call", "c"));

        var act = () => BatchReader.Read(body, ndjson: false, maxEvents: 2);

        act.Should().Throw<BatchRejectedException>()
            .Where(e => e.Kind == BatchRejection.TooLarge)
            .WithMessage("Batch holds more than 2 events*");
    }

    [Fact]
    public void NdjsonOverTheLimitIsTooLarge()
    {
        var body = Ndjson(Valid("hotline.call", "a"), Valid("hotline.call", "b"), Valid("hotline.call", "c"));

        var act = () => BatchReader.Read(body, ndjson: true, maxEvents: 2);

        act.Should().Throw<BatchRejectedException>().Which.Kind.Should().Be(BatchRejection.TooLarge);
    }

    [Fact]
    public void NdjsonAtTheLimitWithBlankLinesIsAccepted()
    {
        var body = Bytes("{\"id\":\"a\"}\n\n   \n{\"id\":\"b\"}\n\n");

        var items = BatchReader.Read(body, ndjson: true, maxEvents: 2);

        items.Select(i => (i.Index, i.Raw)).Should().Equal((0, "{\"id\":\"a\"}"), (1, "{\"id\":\"b\"}"));
    }

    [Fact]
    public void NdjsonWithABadLineNamesThatLine()
    {
        var body = Bytes("{\"id\":\"a\"}\n\n{\"id\": oops}\n{\"id\":\"c\"}\n");

        var act = () => BatchReader.Read(body, ndjson: true, maxEvents: 10);

        act.Should().Throw<BatchRejectedException>()
            .Where(e => e.Kind == BatchRejection.Unreadable)
            .WithMessage("Line 3 is not valid JSON*");
    }

    [Fact]
    public void NdjsonAcceptsWindowsLineEndingsAndNoFinalNewline()
    {
        var body = Bytes("{\"id\":\"a\"}\r\n{\"id\":\"b\"}\r\n{\"id\":\"c\"}");

        var items = BatchReader.Read(body, ndjson: true, maxEvents: 10);

        items.Select(i => i.Raw).Should().Equal("{\"id\":\"a\"}", "{\"id\":\"b\"}", "{\"id\":\"c\"}");
    }

    [Fact]
    public void AnEmptyBatchHasNoItems()
    {
        var array = BatchReader.Read(Bytes("[]"), ndjson: false, maxEvents: 10);
        var ndjson = BatchReader.Read(Bytes("\n\n"), ndjson: true, maxEvents: 10);

        array.Should().BeEmpty();
        ndjson.Should().BeEmpty();
    }

    [Fact]
    public void NdjsonKeepsVietnameseTextIntact()
    {
        var body = Bytes("{\"id\":\"a\",\"procedure\":\"Đăng ký khai sinh\"}\n");

        var items = BatchReader.Read(body, ndjson: true, maxEvents: 10);

        items[0].Raw.Should().Be("{\"id\":\"a\",\"procedure\":\"Đăng ký khai sinh\"}");
        items[0].Json.GetProperty("procedure").GetString().Should().Be("Đăng ký khai sinh");
    }

    [Theory]
    [InlineData("application/x-ndjson", true)]
    [InlineData("application/x-ndjson; charset=utf-8", true)]
    [InlineData("application/jsonl", true)]
    [InlineData("Application/JSONLines", true)]
    [InlineData("application/json", false)]
    [InlineData(null, false)]
    public void NdjsonIsRecognisedByContentType(string? contentType, bool expected)
    {
        var isNdjson = BatchReader.IsNdjson(contentType);

        isNdjson.Should().Be(expected);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
