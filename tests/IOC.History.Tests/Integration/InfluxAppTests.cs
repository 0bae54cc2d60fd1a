using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IOC.Tests.Shared;

namespace IOC.History.Tests.Integration;

/// <summary>
/// The real server on a real influxd: a restart shows the same KPIs rebuilt from InfluxDB, and an outage or a hung
/// influxd costs no point and counts none twice. Each class has its own influxd; each test its own database.
/// </summary>
public sealed class InfluxAppTests(InfluxDb influx) : IClassFixture<InfluxDb>, IDisposable
{
    private readonly TempFolder _data = new("ioc-influx-app-");
    private readonly string _database = "ioc" + Guid.NewGuid().ToString("N")[..10];

    private static DateTimeOffset AMinuteAgo => TestClock.RecentToday(1);

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task AnAppKilledAndRestartedShowsTheSameKpisRebuiltFromInfluxDb()
    {
        var events = RunningApp.Events("r", 600, AMinuteAgo);
        JsonObject before;
        using (var first = await StartAsync())
        {
            (await first.PostAsync(events)).Should().Be(600);
            before = await first.KpisAsync();
            await first.WaitForHistoryAsync();
            first.Process.Kill();
        }

        using var second = await StartAsync();
        var after = await second.KpisAsync();
        var inbox = await second.HealthAsync("inbox");
        var history = await second.HealthAsync("history");
        var summary = await second.Http.GetFromJsonAsync<JsonObject>($"/api/v1/history/city/summary?from={Today()}&to={Tomorrow()}");

        JsonNode.DeepEquals(after, before).Should().BeTrue($"the restart must show the same KPIs:\nbefore {before}\nafter {after}");
        inbox["recoveredEvents"]!.GetValue<long>().Should().Be(0, "everything came from InfluxDB and the checkpoint");
        history["checkpointedUnits"]!.GetValue<int>().Should().Be(6, "four wards, the agency and the city's direct work");
        history["store"]!.GetValue<string>().Should().Be("influxdb");
        summary!["kpis"]!.AsArray().Single(k => k!["id"]!.GetValue<string>() == "dossier.received")!["value"]!["value"]!.GetValue<double>()
            .Should().Be(RunningApp.Dossiers(600));
    }

    [Fact]
    public async Task AnInfluxDbOutageDuringIngestionCostsNoPointAndCountsNoneTwice()
    {
        using var app = await StartAsync();
        var acknowledged = await app.PostAsync(RunningApp.Events("a", 200, AMinuteAgo));
        await app.WaitForHistoryAsync();

        await influx.StopAsync();
        acknowledged += await app.PostAsync(RunningApp.Events("b", 300, AMinuteAgo));
        await app.KpisAsync();
        await app.WaitForHistoryAsync(h => h["state"]!.GetValue<string>() == "down" && h["bufferedPoints"]!.GetValue<int>() > 0);
        var buffered = (await app.HealthAsync("history"))["bufferedPoints"]!.GetValue<int>();
        acknowledged += await app.PostAsync(RunningApp.Events("c", 100, AMinuteAgo));
        await influx.StartAsync();
        await app.KpisAsync();
        await app.WaitForHistoryAsync();

        acknowledged.Should().Be(600);
        buffered.Should().BeGreaterThan(0);
        var dossiers = RunningApp.Dossiers(200) + RunningApp.Dossiers(300) + RunningApp.Dossiers(100);
        foreach (var policy in new[] { "minutes", "hours", "days" })
        {
            (await influx.SumAsync(_database, policy, "DossiersReceived")).Should().Be(dossiers, $"the {policy} hold every acknowledged dossier once");
        }

        (await influx.SumAsync(_database, "days", "DocumentsProcessed", level: "agency")).Should().Be(120);
    }

    [Fact]
    public async Task WritesThatTimedOutAgainstAHungInfluxDbAreRetriedAndCountedOnce()
    {
        using var app = await StartAsync(("History__TimeoutSeconds", "1"));
        var acknowledged = await app.PostAsync(RunningApp.Events("p", 100, AMinuteAgo));
        await app.WaitForHistoryAsync();

        influx.Pause();
        try
        {
            acknowledged += await app.PostAsync(RunningApp.Events("q", 200, AMinuteAgo));
            await app.KpisAsync();
            await app.WaitForHistoryAsync(h => h["state"]!.GetValue<string>() == "down");
        }
        finally
        {
            influx.Resume();
        }

        await app.WaitForHistoryAsync();

        acknowledged.Should().Be(300);
        (await influx.SumAsync(_database, "hours", "DossiersReceived")).Should().Be(RunningApp.Dossiers(100) + RunningApp.Dossiers(200));
        (await influx.SumAsync(_database, "minutes", "CallsReceived")).Should().Be(60);
    }

    [Fact]
    public async Task AStartWhileInfluxDbIsDownRebuildsFromTheWholeInboxAndWritesTheRestOnceLater()
    {
        JsonObject before;
        using (var first = await StartAsync())
        {
            await first.PostAsync(RunningApp.Events("x", 300, AMinuteAgo));
            await first.WaitForHistoryAsync();
            await first.PostAsync(RunningApp.Events("y", 200, AMinuteAgo));
            before = await first.KpisAsync();
            first.Process.Kill();
        }

        await influx.StopAsync();
        using var second = await StartAsync(("History__RebuildWaitSeconds", "1"));
        var after = await second.KpisAsync();
        var recovered = (await second.HealthAsync("inbox"))["recoveredEvents"]!.GetValue<long>();
        await influx.StartAsync();
        await second.WaitForHistoryAsync();

        JsonNode.DeepEquals(after, before).Should().BeTrue($"before {before}\nafter {after}");
        recovered.Should().Be(700, "the store was down: each unit replayed its whole inbox tail (500 events; 200 of them concern two units)");
        (await influx.SumAsync(_database, "days", "DossiersReceived")).Should().Be(RunningApp.Dossiers(300) + RunningApp.Dossiers(200));
    }

    private Task<RunningApp> StartAsync(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["History__Store"] = "influxdb",
            ["History__InfluxUrl"] = influx.Url.ToString(),
            ["History__Database"] = _database,
            ["History__FlushMilliseconds"] = "100",
            ["History__RetryMaxSeconds"] = "1",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return RunningApp.StartAsync(_data.Path, settings);
    }

    private static string Today() => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd");

    private static string Tomorrow() => DateTimeOffset.UtcNow.AddDays(1).ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd");
}
