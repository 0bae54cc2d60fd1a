using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IOC.History.Tests.Integration;
using IOC.Tests.Shared;

namespace IOC.History.Tests.Recovery;

/// <summary>
/// Restarts of the real server on the embedded store: the grains come back from the history plus only the inbox
/// events after the checkpoint, with the same KPIs as a server that replays the whole inbox; open work comes back too.
/// </summary>
public sealed class RestartTests : IDisposable
{
    private readonly TempFolder _data = new("ioc-restart-");
    private readonly TempFolder _reference = new("ioc-restart-reference-");

    private static DateTimeOffset AMinuteAgo => TestClock.RecentToday(1);

    /// <summary>No timed tick: only reads hand over, and every handover is saved, so the test decides what the checkpoints hold.</summary>
    private static readonly Dictionary<string, string> ReadsTick = new() { ["Grains__TickMilliseconds"] = "600000", ["History__SaveMilliseconds"] = "0" };

    public void Dispose()
    {
        _data.Dispose();
        _reference.Dispose();
    }

    [Fact]
    public async Task ARestartReplaysOnlyTheInboxEventsAfterTheCheckpointAndMatchesAWholeReplay()
    {
        using (var first = await RunningApp.StartAsync(_data.Path, ReadsTick))
        {
            await first.PostAsync(RunningApp.Events("a", 300, AMinuteAgo));
            await first.CatchUpAsync();
            await first.PostAsync(RunningApp.Events("b", 100, AMinuteAgo));
            first.Process.Kill();
        }

        foreach (var file in Directory.GetFiles(_data.Path, "inbox.db*"))
        {
            File.Copy(file, Path.Combine(_reference.Path, Path.GetFileName(file)));
        }

        using var restarted = await RunningApp.StartAsync(_data.Path, ReadsTick);
        var after = await restarted.KpisAsync();
        var recovered = (await restarted.HealthAsync("inbox"))["recoveredEvents"]!.GetValue<long>();
        var checkpointed = (await restarted.HealthAsync("history"))["checkpointedUnits"]!.GetValue<int>();
        using var wholeReplay = await RunningApp.StartAsync(_reference.Path, ReadsTick);
        var expected = await wholeReplay.KpisAsync();

        recovered.Should().Be(140, "each unit replayed only its own events after its checkpoint: 100 events, 20 read by a ward and the agency, 20 by the agency and the city's direct work");
        checkpointed.Should().Be(6, "four wards, the agency and the city's direct work");
        after["city?window=today"]!["dossier.received"]!["value"]!.GetValue<double>().Should().Be(RunningApp.Dossiers(300) + RunningApp.Dossiers(100));
        JsonNode.DeepEquals(after, expected).Should().BeTrue($"history + tail must equal a replay of the whole inbox:\n{after}\n{expected}");
    }

    [Fact]
    public async Task OpenDossiersAndTheLedgerThatJudgesCompletionsSurviveARestart()
    {
        var now = DateTimeOffset.UtcNow;
        JsonObject before;
        using (var first = await RunningApp.StartAsync(_data.Path, new Dictionary<string, string>()))
        {
            await first.PostAsync([Dossier("late", now.AddDays(-3), now.AddHours(-30)), Dossier("soon", now.AddDays(-1), now.AddHours(5))]);
            before = await OpenAsync(first);
            await first.WaitForHistoryAsync();
            first.Process.Kill();
        }

        using var restarted = await RunningApp.StartAsync(_data.Path, new Dictionary<string, string>());
        var after = await OpenAsync(restarted);
        var recovered = (await restarted.HealthAsync("inbox"))["recoveredEvents"]!.GetValue<long>();
        var tooEarly = await (await restarted.Http.PostAsync(Completion("early", "D-late", now.AddDays(-4), now.AddHours(-30)))).Content.ReadFromJsonAsync<JsonObject>();
        await restarted.PostAsync([Completion("done", "D-late", now.AddMinutes(-1), now.AddHours(-30))]);
        var afterCompletion = await OpenAsync(restarted);
        var gauges = (await restarted.Http.GetFromJsonAsync<JsonObject>("/api/v1/kpi/units/00082"))!["kpis"]!;

        recovered.Should().Be(0);
        Items(after).Should().Equal(Items(before)).And.Equal(("D-late", "overdue", 2), ("D-soon", "dueSoon", 0));
        tooEarly!["rejected"]!.AsArray().Single()!["field"]!.GetValue<string>().Should().Be("completedAt", "the restored ledger still knows when D-late was received");
        Items(afterCompletion).Should().Equal(("D-soon", "dueSoon", 0));
        gauges["dossier.overduePending"]!["value"]!.GetValue<double>().Should().Be(0);
        gauges["dossier.dueSoon"]!["value"]!.GetValue<double>().Should().Be(1);
    }

    private static async Task<JsonObject> OpenAsync(RunningApp app) =>
        (await app.Http.GetFromJsonAsync<JsonObject>("/api/v1/open-dossiers/units/00082"))!;

    private static List<(string, string, int)> Items(JsonObject list) =>
        list["items"]!.AsArray().Select(i => (i!["id"]!.GetValue<string>(), i["status"]!.GetValue<string>(), i["daysLate"]!.GetValue<int>())).ToList();

    private static JsonObject Dossier(string id, DateTimeOffset at, DateTimeOffset due)
    {
        var e = WireEvents.Received(id, at, "online");
        e["dueAt"] = WireEvents.Stamp(due);
        return e;
    }

    private static JsonObject Completion(string id, string dossierId, DateTimeOffset at, DateTimeOffset due)
    {
        var e = WireEvents.Common(id, "dossier.completed", at, WireEvents.Ward, null);
        e["dossierId"] = dossierId;
        e["dueAt"] = WireEvents.Stamp(due);
        e["completedAt"] = WireEvents.Stamp(at);
        e["resultDigitized"] = true;
        return e;
    }
}
