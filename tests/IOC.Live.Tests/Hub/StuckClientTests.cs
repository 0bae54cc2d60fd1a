using System.Text.Json.Nodes;
using IOC.Live.Hub;
using IOC.Live.Tests.Client;
using IOC.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;

namespace IOC.Live.Tests.Hub;

/// <summary>A client that subscribes and then never reads (a frozen wallboard) against one that reads normally.</summary>
public class StuckClientTests() : LiveServer(new SmallSocketBuffersFactory(stuckClientSeconds: 60))
{
    [Fact]
    public async Task AStuckClientNeitherDelaysAnotherClientNorPilesUpMessages()
    {
        // Today's count is read once and then added to for a minute: a local midnight in between would restart it.
        TestClock.RecentInStep(TimeSpan.FromDays(1), 0, margin: TimeSpan.FromMinutes(2));
        using var stuck = await StuckClients.SubscribeWithoutReadingAsync(Address);
        var healthy = await ConnectAsync();
        await healthy.SubscribeAsync("city");
        await healthy.NextAsync("snapshot", "city");
        var stuckId = await StuckClients.WaitUntilStuckAsync(this);
        var before = JsonNode.Parse(await Producer.GetStringAsync("/api/v1/kpi/city"))!["kpis"]!["dossier.received"]!["value"]!.GetValue<double>();

        for (var round = 1; round <= 8; round++)
        {
            await Producer.PostAsync(StuckClients.OneDossierPerWard($"a{round}"));
            var expected = before + (StuckClients.Wards.Length * round);
            await healthy.NextAsync("update", "city", p => p.Kpi("dossier.received") == expected, TimeSpan.FromSeconds(5));
        }

        var stats = Broadcaster.Connections().Single(c => c.ConnectionId == stuckId);
        stats.SendingFor.Should().NotBeNull("the stuck client's send is still waiting for it to read");
        stats.Pending.Should().BeLessThanOrEqualTo(stats.Groups, "pending updates merge: at most one per group");
        stats.Groups.Should().BeGreaterThan(1, "the client got stuck after some snapshots, not on the first");

        // What an operator sees of it: /health's hub entry counts both connections and what waits for them.
        var hub = JsonNode.Parse(await Producer.GetStringAsync("/health"))!["checks"]!["hub"]!["data"]!;
        hub["connections"]!.GetValue<int>().Should().Be(2);
        hub["pendingMessages"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(stats.Pending).And.BeLessThanOrEqualTo(hub["groups"]!.GetValue<int>());
        hub["longestSendSeconds"]!.GetValue<double>().Should().BeGreaterThan(0, "the stuck client's send is waiting");
    }
}

public class StuckClientLimitTests() : LiveServer(new SmallSocketBuffersFactory(stuckClientSeconds: 1))
{
    [Fact]
    public async Task AClientStuckPastTheLimitIsDisconnected()
    {
        using var stuck = await StuckClients.SubscribeWithoutReadingAsync(Address);
        await EventuallyAsync(() => Broadcaster.Connections().Any(c => c.Groups > 1), TimeSpan.FromSeconds(10), "the raw client subscribed");
        var stuckId = Broadcaster.Connections().Single().ConnectionId;

        // It backs up within a few rounds and is then dropped a second later (SignalR's own timeout is 30 s).
        var round = 0;
        while (Broadcaster.Connections().Any(c => c.ConnectionId == stuckId) && round < 100)
        {
            await Producer.PostAsync(StuckClients.OneDossierPerWard($"b{++round}"));
            await Task.Delay(100);
        }

        Broadcaster.Connections().Should().NotContain(c => c.ConnectionId == stuckId, "it was stuck for more than the one-second limit");
    }
}

/// <summary>
/// The app with small socket send buffers: Linux lets a socket queue up to 4 MB for a peer that does not read, so
/// with default buffers a stuck client only backs up after megabytes. Same mechanism, reached in kilobytes.
/// </summary>
public class SmallSocketBuffersFactory(int stuckClientSeconds) : IocWebFactory
{
    protected override IDictionary<string, string?> Settings =>
        new Dictionary<string, string?>(base.Settings) { ["Hub:StuckClientSeconds"] = stuckClientSeconds.ToString() };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.Configure<SocketTransportOptions>(o => o.CreateBoundListenSocket = endpoint =>
        {
            // Accepted sockets inherit the listening socket's buffer sizes.
            var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
            socket.SendBufferSize = 4096;
            return socket;
        }));
    }
}

internal static class StuckClients
{
    public static readonly string[] Wards = [.. Seed.Units.Wards.Take(80).Select(w => w.Code)];

    /// <summary>A raw client on a tiny socket buffer that subscribes to 80 wards and the ward table, then never reads.</summary>
    public static async Task<RawHubSocket> SubscribeWithoutReadingAsync(Uri address)
    {
        var stuck = await RawHubSocket.ConnectAsync(address);
        foreach (var code in Wards)
        {
            await stuck.SubscribeAsync("ward:" + code);
        }

        await stuck.SubscribeAsync("wards");

        return stuck;
    }

    /// <summary>Posts figures until a connection's send has waited a while for its client to read (buffers full).</summary>
    public static async Task<string> WaitUntilStuckAsync(LiveServer server)
    {
        for (var round = 1; round <= 100; round++)
        {
            if (server.Broadcaster.Connections().FirstOrDefault(c => c.SendingFor > TimeSpan.FromMilliseconds(500)) is { } stuck)
            {
                return stuck.ConnectionId;
            }

            await server.Producer.PostAsync(OneDossierPerWard($"fill{round}"));
            await Task.Delay(100);
        }

        throw new TimeoutException("No hub connection got stuck: the test's client did not back up the server's sends: " + string.Join("; ", server.Broadcaster.Connections()));
    }

    public static JsonObject[] OneDossierPerWard(string round) =>
        [.. Wards.Select(code => WireEvents.Received($"{round}-{code}", LiveServer.Now, unit: code))];
}
