using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using IOC.Grains.Ports;
using IOC.Ingestion.Inbox;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IOC.Web.Tests.Apis;

/// <summary>
/// Request bodies are read into pooled buffers and the inbox stores slices of them: what is stored must be exactly what
/// was sent, whatever the body's length or how many requests share the pool at once.
/// </summary>
public sealed class PooledBodyTests : IClassFixture<PooledBodyTests.SlowInboxFactory>
{
    private readonly SlowInboxFactory _factory;

    public PooledBodyTests(SlowInboxFactory factory) => _factory = factory;

    [Fact]
    public async Task ABodySentWithoutALengthIsReadWholeAcrossEveryGrowthOfItsBuffer()
    {
        // ~500 KB in 4 KB chunks with no Content-Length: the buffer starts at 64 KB and grows three times.
        var (prefix, lines) = Lines(2_000);
        var client = _factory.CreateProducer();
        var from = Inbox.LastSeq();

        var response = await client.PostAsync("/api/v1/events", new UnsizedContent(Encoding.UTF8.GetBytes(string.Join("\n", lines))));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["accepted"]!.GetValue<int>().Should().Be(2_000);
        Stored(from, prefix).Should().Equal(lines);
    }

    [Fact]
    public async Task ABodyWithoutALengthOverTheByteLimitIs413AndKeepsNothing()
    {
        var client = _factory.CreateProducer();
        var from = Inbox.LastSeq();
        var (prefix, lines) = Lines(1);
        var body = Encoding.UTF8.GetBytes(lines[0] + "\n" + new string(' ', 9 * 1024 * 1024));

        var response = await client.PostAsync("/api/v1/events", new UnsizedContent(body));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        Stored(from, prefix).Should().BeEmpty();
    }

    [Fact]
    public async Task ConcurrentBatchesAreStoredByteForByteAsSent()
    {
        // Eight requests at once, of different lengths within one size of pooled buffer, each its own text
        // (Vietnamese names: multi-byte UTF-8); the second round reuses the buffers the first returned. The inbox takes
        // 100 ms a commit: a buffer given back (cleared) before its request's commit would be stored as zeros.
        var client = _factory.CreateProducer();
        for (var round = 0; round < 2; round++)
        {
            var from = Inbox.LastSeq();
            var batches = Enumerable.Range(0, 8).Select(i => Lines(500 + (13 * i))).ToArray();

            var answers = await Task.WhenAll(batches.Select(b =>
                client.PostAsync("/api/v1/events", new StringContent(string.Join("\n", b.Lines), Encoding.UTF8, "application/x-ndjson"))));

            answers.Should().AllSatisfy(a => a.StatusCode.Should().Be(HttpStatusCode.Accepted));
            foreach (var (prefix, lines) in batches)
            {
                Stored(from, prefix).Should().Equal(lines, $"round {round}: the batch {prefix} is stored as sent");
            }
        }
    }

    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private IInbox Inbox => _factory.Services.GetRequiredService<IInbox>();

    /// <summary>The app with an inbox that takes 100 ms to commit (a slow disk): requests overlap their commits.</summary>
    public sealed class SlowInboxFactory : IocWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                var real = services.Last(d => d.ServiceType == typeof(IInbox));
                services.Remove(real);
                services.RemoveAll<IQuarantineStore>();
                services.AddSingleton(sp => (SqliteInbox)real.ImplementationFactory!(sp));
                services.AddSingleton<IInbox>(sp => new SlowInbox(sp.GetRequiredService<SqliteInbox>()));
                services.AddSingleton<IQuarantineStore>(sp => new SqliteQuarantineStore(sp.GetRequiredService<SqliteInbox>()));
            });
        }
    }

    private sealed class SlowInbox(IInbox inner) : IInbox
    {
        public string Path => inner.Path;

        public long[] AppendReturningSeqs(IReadOnlyList<InboxItem> items)
        {
            Thread.Sleep(100);
            return inner.AppendReturningSeqs(items);
        }

        public long Count() => inner.Count();

        public long LastSeq() => inner.LastSeq();

        public IEnumerable<IReadOnlyList<InboxRecord>> ReadKeyAfter(
            IOC.Domain.Units.UnitKey key, long afterSeq, long throughSeq = long.MaxValue, int pageSize = 5000, IReadOnlyCollection<string>? directAgencies = null) =>
            inner.ReadKeyAfter(key, afterSeq, throughSeq, pageSize, directAgencies);

        public InboxRecord? Read(long seq) => inner.Read(seq);
    }

    /// <summary>The stored bodies of the events whose ids start with <paramref name="prefix"/>, in inbox order.</summary>
    private List<string> Stored(long after, string prefix)
    {
        var bodies = new List<string>();
        for (var seq = after + 1; seq <= Inbox.LastSeq(); seq++)
        {
            if (Inbox.Read(seq) is { } record && record.Id.StartsWith(prefix, StringComparison.Ordinal))
            {
                bodies.Add(record.Body);
            }
        }

        return bodies;
    }

    private static (string Prefix, string[] Lines) Lines(int count)
    {
        var prefix = $"pool-{Guid.NewGuid():N}-";
        var at = TestClock.RecentToday(1);
        return (prefix, [.. Enumerable.Range(0, count).Select(i =>
        {
            var e = WireEvents.Received($"{prefix}{i}", at);
            e["procedureName"] = $"Đăng ký khai sinh lần {i} — {new string('ệ', i % 40)}";
            return e.ToJsonString(Unescaped);
        })]);
    }

    /// <summary>NDJSON sent in small chunks with no Content-Length (a producer streaming its batch).</summary>
    private sealed class UnsizedContent : HttpContent
    {
        private readonly byte[] _body;

        public UnsizedContent(byte[] body)
        {
            _body = body;
            Headers.ContentType = new("application/x-ndjson");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var at = 0; at < _body.Length; at += 4096)
            {
                await stream.WriteAsync(_body.AsMemory(at, Math.Min(4096, _body.Length - at)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
