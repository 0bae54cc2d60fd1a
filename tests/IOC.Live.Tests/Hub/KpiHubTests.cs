using System.Text.Json;
using System.Text.Json.Nodes;
using IOC.Live.Tests.Client;
using Microsoft.AspNetCore.SignalR;

namespace IOC.Live.Tests.Hub;

/// <summary>The hub through a real SignalR client over WebSockets, events posted through the API.</summary>
public class KpiHubTests : LiveServer
{
    private const string Ward = "ward:00082";

    [Fact]
    public async Task AWardSnapshotIsTheKpiApiAnswerForThatWard()
    {
        await Producer.PostAsync(WireEvents.Received("s1", Now, "online"), WireEvents.Received("s2", Now, "in_person"));
        var api = JsonNode.Parse(await Producer.GetStringAsync("/api/v1/kpi/units/00082"))!.AsObject();
        var client = await ConnectAsync();

        await client.SubscribeAsync(Ward);
        var snapshot = await client.NextAsync("snapshot", Ward);

        var pushed = JsonNode.Parse(snapshot.Payload.GetRawText())!.AsObject();
        pushed.Select(p => p.Key).Should().Equal(api.Select(p => p.Key), "the snapshot has the API's fields in the API's order");
        JsonNode.DeepEquals(pushed["kpis"], api["kpis"]).Should().BeTrue("the snapshot's KPIs are the API's: {0}", pushed["kpis"]!.ToJsonString());
        pushed["name"]!.GetValue<string>().Should().Be("Phường Cửa Nam");
        pushed["window"]!.GetValue<string>().Should().Be("today");
        pushed["asOf"]!.GetValue<string>().Should().EndWith("+07:00");
        snapshot.Payload.Kpi("dossier.received").Should().Be(2);
        snapshot.Payload.Kpi("dossier.onlineRate").Should().Be(50);
    }

    [Fact]
    public async Task PostedEventsArriveAsAnUpdateCarryingOnlyTheKpisThatChanged()
    {
        var client = await ConnectAsync();
        await client.SubscribeAsync(Ward);
        (await client.NextAsync("snapshot", Ward)).Payload.Kpi("hotline.offered").Should().Be(0);

        await Producer.PostAsync(
            WireEvents.Call("c1", Now, answered: true, wait: 10, handle: 200),
            WireEvents.Call("c2", Now, answered: false, wait: 45));
        var update = await client.NextAsync("update", Ward, p => p.Kpi("hotline.offered") == 2);

        var payload = update.Payload;
        payload.EnumerateObject().Select(p => p.Name).Should().Equal("group", "asOf", "kpis");
        payload.GetProperty("group").GetString().Should().Be(Ward);
        payload.GetProperty("asOf").GetString().Should().EndWith("+07:00");
        payload.Kpi("hotline.answerRate").Should().Be(50);
        payload.Kpi("hotline.abandonmentRate").Should().Be(50);
        payload.GetProperty("kpis").GetProperty("hotline.answerRate").GetProperty("denominator").GetInt64().Should().Be(2);
        var ids = payload.GetProperty("kpis").EnumerateObject().Select(p => p.Name).ToList();
        ids.Should().OnlyContain(id => id.StartsWith("hotline."), "calls change no dossier, survey or document KPI");
        ids.Should().NotContain("hotline.openTickets");
    }

    [Theory]
    [InlineData("ward:99999", "Unknown group 'ward:99999': no ward has code '99999'")]
    [InlineData("agency:NOPE", "Unknown group 'agency:NOPE': no agency has code 'NOPE'")]
    [InlineData("ward", "Unknown group 'ward': use 'city', 'wards', 'alerts', 'ward:{code}'")]
    [InlineData("", "The group name is empty")]
    public async Task AnUnknownGroupIsRefusedWithAMessageSayingWhy(string group, string reason)
    {
        var client = await ConnectAsync();

        var subscribe = () => client.SubscribeAsync(group);

        (await subscribe.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain(reason);
        client.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task AfterUnsubscribeAGroupGetsNoMoreUpdates()
    {
        var client = await ConnectAsync();
        await client.SubscribeAsync(Ward);
        await client.SubscribeAsync("city");

        await client.UnsubscribeAsync(Ward);
        await Producer.PostAsync(WireEvents.Received("u1", Now));
        await client.NextAsync("update", "city", p => p.Kpi("dossier.received") == 1);
        // A new group's snapshot queues behind anything already posted to this connection: a barrier.
        await client.SubscribeAsync("agency:TTPVHCC");

        client.Received.Where(m => m.Group == Ward).Select(m => m.Method).Should().Equal("snapshot");
    }

    [Fact]
    public async Task ABurstOfEventsGivesAtMostFourUpdatesASecondAndEndsOnTheLatestValue()
    {
        var client = await ConnectAsync();
        await client.SubscribeAsync("city");
        await client.NextAsync("snapshot", "city");
        var start = HubTestClient.Now;

        // About a second of events; reading the API forces a publisher tick, so it ticks ~40 times, not 4.
        for (var i = 1; i <= 40; i++)
        {
            await Producer.PostAsync(WireEvents.Received($"b{i}", Now));
            await Producer.GetStringAsync("/api/v1/kpi/city");
            await Task.Delay(20);
        }

        var last = await client.NextAsync("update", "city", p => p.Kpi("dossier.received") == 40);
        var elapsed = last.ReceivedAt - start;
        var updates = client.Received.Count(m => m.Method == "update" && m.Group == "city");

        updates.Should().BeLessThanOrEqualTo((int)Math.Ceiling(elapsed.TotalSeconds * 4) + 1, "the burst took {0}", elapsed);
    }

    [Fact]
    public async Task TheWardsTableHasEveryWardAndItsUpdatesOnlyTheCellsThatChanged()
    {
        var client = await ConnectAsync();
        await client.SubscribeAsync("wards");
        var table = (await client.NextAsync("snapshot", "wards")).Payload;

        await Producer.PostAsync(WireEvents.Received("w1", Now, "online"));
        var update = (await client.NextAsync("update", "wards")).Payload;

        table.GetProperty("wards").GetArrayLength().Should().Be(126);
        table.GetProperty("kpis").EnumerateArray().Select(k => k.GetString()).Should().Contain(["dossier.onlineRate", "dossier.overduePending"]);
        var row = table.GetProperty("wards").EnumerateArray().Single(w => w.GetProperty("code").GetString() == "00082");
        row.GetProperty("name").GetString().Should().Be("Phường Cửa Nam");
        row.GetProperty("kpis").GetProperty("dossier.onlineRate").GetProperty("value").ValueKind.Should().Be(JsonValueKind.Null);
        update.EnumerateObject().Select(p => p.Name).Should().Equal("group", "asOf", "wards");
        update.GetProperty("group").GetString().Should().Be("wards");
        var changed = update.GetProperty("wards");
        changed.EnumerateObject().Select(w => w.Name).Should().Equal("00082");
        changed.GetProperty("00082").GetProperty("dossier.onlineRate").GetProperty("value").GetDouble().Should().Be(100);
        changed.GetProperty("00082").GetProperty("dossier.received").GetProperty("value").GetDouble().Should().Be(1);
        changed.GetProperty("00082").EnumerateObject().Should().NotContain(c => c.Name == "satisfaction.rate");
    }

    [Fact]
    public async Task AClientThatReconnectsAndResubscribesGetsAFreshSnapshot()
    {
        var first = await ConnectAsync();
        await first.SubscribeAsync("agency:TTPVHCC");
        await first.NextAsync("snapshot", "agency:TTPVHCC");
        await first.Connection.StopAsync();

        await Producer.PostAsync(WireEvents.Received("r1", Now, agency: "TTPVHCC"));
        await Producer.GetStringAsync("/api/v1/kpi/agencies/TTPVHCC");
        var second = await ConnectAsync();
        await second.SubscribeAsync("agency:TTPVHCC");

        (await second.NextAsync("snapshot", "agency:TTPVHCC")).Payload.Kpi("dossier.received").Should().Be(1);
    }

    [Fact]
    public async Task PushedJsonIsCamelCaseAndKeepsVietnameseUnescaped()
    {
        using var raw = await RawHubSocket.ConnectAsync(Address, receiveBufferBytes: 256 * 1024);

        await raw.SubscribeAsync(Ward);
        var text = "";
        while (!text.Contains("\"target\":\"snapshot\""))
        {
            text += await raw.ReceiveAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        }

        text.Should().Contain("\"name\":\"Phường Cửa Nam\"").And.Contain("\"nameEn\":").And.Contain("\"direction\":\">=\"");
        text.Should().Contain("\"arguments\":[\"ward:00082\",{\"unit\":\"00082\"");
    }
}
