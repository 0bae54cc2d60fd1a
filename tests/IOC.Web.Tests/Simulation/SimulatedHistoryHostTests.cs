using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IOC.Web.Tests.Simulation;

/// <summary>Simulator:BackfillDays through the app: history on a first run, nothing added to an inbox that has data.</summary>
public sealed class SimulatedHistoryHostTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("ioc-backfill-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task AFirstRunGetsYesterdaysHistoryAndARestartAddsNothing()
    {
        // One Vietnamese day for the whole test (about a minute): "yesterday" must not move between the two reads.
        var today = IOC.Domain.Time.VietnamTime.LocalDate(TestClock.InsideToday(TimeSpan.FromMinutes(3)));
        long yesterday;
        using (var first = new BackfillFactory(_dataDir))
        {
            var client = first.CreateClient();
            yesterday = await WaitForAsync(() => YesterdaysDossiersAsync(client, today), n => n > 1_000);
            (await InboxAsync(client))["rejected"]!.GetValue<long>().Should().Be(0);
        }

        using var second = new BackfillFactory(_dataDir);
        var again = second.CreateClient();
        await Task.Delay(TimeSpan.FromSeconds(2));

        var inbox = await InboxAsync(again);
        inbox["duplicates"]!.GetValue<long>().Should().Be(0, "a second backfill would have re-sent the same ids");
        (await YesterdaysDossiersAsync(again, today)).Should().Be(yesterday);
    }

    private static async Task<long> YesterdaysDossiersAsync(HttpClient client, DateOnly today)
    {
        var summary = await client.GetFromJsonAsync<JsonObject>($"/api/v1/history/city/summary?from={today.AddDays(-1):yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        return (long)summary!["kpis"]!.AsArray().Single(k => k!["id"]!.GetValue<string>() == "dossier.received")!["value"]!["value"]!.GetValue<double>();
    }

    private static async Task<JsonObject> InboxAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonObject>("/health"))!["checks"]!["inbox"]!["data"]!.AsObject();

    private static async Task<long> WaitForAsync(Func<Task<long>> read, Func<long, bool> done)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTimeOffset.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(250);
        }
    }

    /// <summary>The app with the simulator on (slow live traffic) and two days of simulated history, on a given data folder.</summary>
    private sealed class BackfillFactory(string dataDir) : IocWebFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["Storage:DataDir"] = dataDir,
            ["Simulator:Enabled"] = "true",
            ["Simulator:EventsPerSecond"] = "0.01",
            ["Simulator:BackfillDays"] = "2",
        };
    }
}
