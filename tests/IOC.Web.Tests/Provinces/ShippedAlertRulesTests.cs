using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IOC.Domain.Units;

namespace IOC.Web.Tests.Provinces;

/// <summary>
/// The shipped alert rules (seed-data/alert-rules.csv) work in every deployment, not only Hanoi's: each rule's KPI
/// finds a target among the national defaults, so a Hải Phòng or a national deployment lists all of them and fires.
/// (Before the national catalogue had the hotline benchmarks and the on-time target, the rules file was refused
/// there and the deployment ran without alerts.)
/// </summary>
public sealed class ShippedAlertRulesTests
{
    private const string HaiPhongWard = "11560"; // Phường Thủy Nguyên, Hải Phòng

    [Theory]
    [InlineData("31")]
    [InlineData("country")]
    public async Task EveryShippedRuleIsLoadedAndAWardRuleFires(string scope)
    {
        using var factory = new ScopedFactory(scope);
        var client = factory.CreateProducer();

        var rules = await client.GetFromJsonAsync<JsonArray>("/api/v1/alerts/rules");

        rules!.Select(r => r!["id"]!.GetValue<string>()).Should().BeEquivalentTo(ShippedRuleIds());
        var at = DateTimeOffset.UtcNow.AddSeconds(-30);
        var surveys = Enumerable.Range(0, 30).Select(i => WireEvents.Survey($"hp-s{i}", at, "dissatisfied", HaiPhongWard)).ToArray();
        (await client.PostAsync(surveys)).EnsureSuccessStatusCode();

        const string Id = $"ward-satisfaction-mtd:ward:{HaiPhongWard}";
        JsonObject? firing = null;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (firing is null)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "30 dissatisfied answers break the month's satisfaction rule within 15 s");
            var alerts = await client.GetFromJsonAsync<JsonArray>("/api/v1/alerts");
            firing = alerts!.OfType<JsonObject>().FirstOrDefault(a => a["id"]!.GetValue<string>() == Id && a["state"]!.GetValue<string>() == "firing");
            await Task.Delay(100);
        }

        firing["sentenceVi"]!.GetValue<string>().Should().StartWith("Phường Thủy Nguyên: tỷ lệ hài lòng từ đầu tháng 0% (0/30)");
    }

    private static IEnumerable<string> ShippedRuleIds() =>
        File.ReadLines(Path.Combine(IOC.Domain.Seed.SeedData.Locate(null), "alert-rules.csv")).Skip(1)
            .Where(line => line.Length > 0).Select(line => line[..line.IndexOf(',')]);

    private sealed class ScopedFactory(string scope) : IocWebFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            [DeploymentScope.Setting] = scope,
        };
    }
}
