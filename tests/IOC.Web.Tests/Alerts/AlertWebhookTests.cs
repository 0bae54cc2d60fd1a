using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace IOC.Web.Tests.Alerts;

/// <summary>
/// Webhooks against a real HTTP receiver started by the test: the body signed with HMAC-SHA256, a receiver failing twice
/// gets the notification on the third try, and one that never answers ends in the dead letters.
/// </summary>
public sealed class AlertWebhookTests : IAsyncLifetime
{
    private const string Secret = "a-secret-of-the-province-0123456789";
    private readonly ConcurrentQueue<(string Body, string? Signature)> _received = new();
    private readonly int _deadPort = FreePort();
    private WebApplication _receiver = null!;
    private Factory _factory = null!;
    private int _calls;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _receiver = builder.Build();
        _receiver.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();

            // The first two calls fail: the notifier must try again.
            if (Interlocked.Increment(ref _calls) <= 2)
            {
                return Results.StatusCode(503);
            }

            _received.Enqueue((body, request.Headers["X-IOC-Signature"].FirstOrDefault()));
            return Results.Ok();
        });
        await _receiver.StartAsync();
        _factory = new Factory(_receiver.Urls.First() + "/hook", $"http://127.0.0.1:{_deadPort}/hook");
    }

    public async Task DisposeAsync()
    {
        _factory.Dispose();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task AFiringAlertIsDeliveredSignedAfterRetriesAndAnUnreachableReceiverEndsInTheDeadLetters()
    {
        var client = _factory.CreateProducer();
        (await client.PostAsJsonAsync("/api/v1/alerts/rules", new
        {
            by = "admin",
            rule = new { id = "hook-test", nameVi = "Thử", nameEn = "Test", kpi = "satisfaction.rate", scope = "ward", unit = "00082", window = "today", condition = "below", threshold = 95, severity = "critical" },
        })).EnsureSuccessStatusCode();

        await client.PostAsync(WireEvents.Survey("w1", TestClock.RecentToday(1), "dissatisfied"));

        var (body, signature) = await ReceivedAsync();
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body)));
        signature.Should().Be(expected);
        var payload = JsonNode.Parse(body)!;
        payload["event"]!.GetValue<string>().Should().Be("firing");
        payload["alert"]!["id"]!.GetValue<string>().Should().Be("hook-test:ward:00082");
        payload["alert"]!["sentenceVi"]!.GetValue<string>().Should().StartWith("Phường Cửa Nam: tỷ lệ hài lòng hôm nay 0% (0/1)");
        _calls.Should().Be(3, "two failures, then the delivery");

        var dead = await DeadLettersAsync(client);
        dead["url"]!.GetValue<string>().Should().Be($"http://127.0.0.1:{_deadPort}/hook");
        dead["attempts"]!.GetValue<int>().Should().Be(3);
        JsonNode.Parse(dead["body"]!.GetValue<string>())!["alert"]!["id"]!.GetValue<string>().Should().Be("hook-test:ward:00082");
    }

    private async Task<(string Body, string? Signature)> ReceivedAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!_received.TryPeek(out _))
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the receiver should have got the notification");
            await Task.Delay(100);
        }

        return _received.First();
    }

    private static async Task<JsonNode> DeadLettersAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var letters = await client.GetFromJsonAsync<JsonArray>("/api/v1/alerts/webhooks/dead-letters");
            if (letters!.Count > 0)
            {
                return letters[0]!;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "the unreachable receiver's delivery should be in the dead letters");
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Factory(string url, string deadUrl) : IocWebFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["Alerts:Webhooks:Targets:0:Url"] = url,
            ["Alerts:Webhooks:Targets:0:Secret"] = Secret,
            ["Alerts:Webhooks:Targets:1:Url"] = deadUrl,
            ["Alerts:Webhooks:Targets:1:Secret"] = Secret,
            ["Alerts:Webhooks:MaxAttempts"] = "3",
            ["Alerts:Webhooks:FirstRetryMilliseconds"] = "100",
            ["Alerts:Webhooks:TimeoutSeconds"] = "2",
        };
    }
}
