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
            .WithMessage("Body must be a JSON array of events (or one event object), not a *.");
    }

    [Fact]
    public void OneObjectIsABatchOfOne()
    {
        var items = BatchReader.Read(Bytes("{\"id\":\"a\"}"), ndjson: false, maxEvents: 10);

        items.Should().ContainSingle().Which.Should().Match<RawItem>(i => i.Index == 0 && i.Text == "{\"id\":\"a\"}");
    }

    [Fact]
    public void AnArrayKeepsEachItemsIndexAndRawText()
    {
        var items = BatchReader.Read(Bytes("[ {\"id\":\"a\"} , {\"id\": \"b\"} ]"), ndjson: false, maxEvents: 2);

        items.Select(i => (i.Index, i.Text)).Should().Equal((0, "{\"id\":\"a\"}"), (1, "{\"id\": \"b\"}"));
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

        items.Select(i => (i.Index, i.Text)).Should().Equal((0, "{\"id\":\"a\"}"), (1, "{\"id\":\"b\"}"));
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

        items.Select(i => i.Text).Should().Equal("{\"id\":\"a\"}", "{\"id\":\"b\"}", "{\"id\":\"c\"}");
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

        items[0].Text.Should().Be("{\"id\":\"a\",\"procedure\":\"Đăng ký khai sinh\"}");
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

    [Theory]
    [InlineData(false, "[{\"id\":\"a\"},\n{\"id\":\"b#\"}]", 2, 1)]
    [InlineData(true, "{\"id\":\"a\"}\n\n{\"id\":\"b#\"}\n", 3, 1)]
    [InlineData(false, "{\"id\":\"#\"}", 1, null)]
    public void BytesThatAreNotUtf8AreRefusedWithTheirOffsetLineAndItem(bool ndjson, string text, int line, int? item)
    {
        var body = Bytes(text);
        var offset = System.Array.IndexOf(body, (byte)'#');
        body[offset] = 0xFF;

        var act = () => BatchReader.Read(body, ndjson, maxEvents: 10);

        var error = act.Should().Throw<BatchRejectedException>().Which;
        error.Kind.Should().Be(BatchRejection.Unreadable);
        error.Location.Should().Be(new BodyLocation(offset, line, item));
        error.Message.Should().StartWith($"Body is not valid UTF-8: the byte at offset {offset}");
    }

    [Fact]
    public void ATruncatedMultiByteSequenceAtTheEndIsNotUtf8()
    {
        var body = Bytes("[{\"id\":\"Đ").Concat(new byte[] { 0xE1, 0xBA }).ToArray();

        var act = () => BatchReader.Read(body, ndjson: false, maxEvents: 10);

        act.Should().Throw<BatchRejectedException>().Which.Location!.ByteOffset.Should().Be(body.Length - 2);
    }

    [Fact]
    public void TheOffsetCountsTheByteOrderMark()
    {
        var body = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Bytes("[\"\u00ff")).ToArray();
        body[^2] = 0xC3;
        body[^1] = 0x28;

        var act = () => BatchReader.Read(body, ndjson: false, maxEvents: 10);

        act.Should().Throw<BatchRejectedException>().Which.Location!.ByteOffset.Should().Be(body.Length - 2);
    }

    [Fact]
    public void BrokenJsonInAnArrayNamesTheItemItBreaksIn()
    {
        var body = Bytes("[{\"id\":\"a\"},\n {\"id\":\"b\"},\n {\"id\": oops}]");

        var act = () => BatchReader.Read(body, ndjson: false, maxEvents: 10);

        var error = act.Should().Throw<BatchRejectedException>().Which;
        error.Location.Should().Be(new BodyLocation(System.Array.IndexOf(body, (byte)'o'), 3, 2));
        error.Message.Should().StartWith("Body is not valid JSON at byte offset");
    }

    [Fact]
    public void BrokenJsonBetweenItemsNamesTheNextItem()
    {
        var body = Bytes("[{\"id\":\"a\"}, oops]");

        var act = () => BatchReader.Read(body, ndjson: false, maxEvents: 10);

        act.Should().Throw<BatchRejectedException>().Which.Location!.Item.Should().Be(1);
    }

    [Fact]
    public void NestingDeeperThanSixteenLevelsIsUnreadable()
    {
        var body = Bytes("[" + new string('[', 40) + new string(']', 40) + "]");

        var act = () => BatchReader.Read(body, ndjson: false, maxEvents: 10);

        act.Should().Throw<BatchRejectedException>().Which.Kind.Should().Be(BatchRejection.Unreadable);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
