using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.Grains.Routing;
using IOC.Grains.State;
using static IOC.Tests.Shared.TestEvents;

namespace IOC.Grains.Tests.Routing;

public sealed class GrainRouterTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = Local(2025, 7, 2, 10, 0);

    private readonly GrainRouter _router = new(new GrainOptions { Shards = 2 });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _router.DisposeAsync();

    [Fact]
    public async Task AnEventForAWardAndAnAgencyOnTwoShardsIsFoldedOnceByEach()
    {
        // 00082 is on shard 0, TTPVHCC on shard 1.
        await _router.PostAsync([Call(Now, "00082", "TTPVHCC")]);

        var ward = await _router.InspectAsync(new UnitKey(UnitLevel.Ward, "00082"), g => g!.Snapshot(Now)[KpiWindow.Today][Counter.CallsOffered]);
        var agency = await _router.InspectAsync(new UnitKey(UnitLevel.Agency, "TTPVHCC"), g => g!.Snapshot(Now)[KpiWindow.Today][Counter.CallsOffered]);

        (ward, agency).Should().Be((1L, 1L));
        _router.Shards.Select(s => s.EventsFolded).Should().Equal(1, 1);
        _router.Shards.Select(s => s.GrainCount).Should().Equal(1, 1);
    }

    [Fact]
    public async Task AnEventForAWardAndAnAgencyOnOneShardReachesBothGrains()
    {
        // 00082 and VPTU are both on shard 0.
        await _router.PostAsync([Call(Now, "00082", "VPTU")]);

        var agency = await _router.InspectAsync(new UnitKey(UnitLevel.Agency, "VPTU"), g => g?.Key);

        agency.Should().Be(new UnitKey(UnitLevel.Agency, "VPTU"));
        _router.Shards.Select(s => s.EventsFolded).Should().Equal(2, 0);
    }

    [Fact]
    public async Task InspectingAUnitWithoutEventsFindsNoGrain()
    {
        await _router.PostAsync([]);

        var grain = await _router.InspectAsync(new UnitKey(UnitLevel.Ward, "00070"), g => g);

        grain.Should().BeNull();
        _router.Shards.Sum(s => s.GrainCount).Should().Be(0);
    }

    [Fact]
    public async Task AnExceptionInsideAnInspectionReachesTheCallerAndTheShardGoesOn()
    {
        await _router.PostAsync([Call(Now, "00082")]);

        var act = () => _router.InspectAsync<int>(new UnitKey(UnitLevel.Ward, "00082"), _ => throw new InvalidOperationException("look failed"));

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("look failed");
        var count = await _router.InspectAsync(new UnitKey(UnitLevel.Ward, "00082"), g => g!.OpenDossiers.Count);
        count.Should().Be(0);
    }

    [Fact]
    public async Task OpenWorkListsTheOpenDossiersAndTicketsThatPassTheFilterUnderEveryGrainThatHoldsThem()
    {
        // 00082 is on shard 0, 00070 and TTPVHCC on shard 1.
        var due = Now.AddDays(2);
        await _router.PostAsync([
            Received(Now.AddHours(-3), "00082", "TTPVHCC", dossierId: "sim-1-D1", dueAt: due),
            Received(Now.AddHours(-2), "00070", dossierId: "sim-1-D2", dueAt: due),
            Completed(Now, "00070", "sim-1-D2", due),
            Received(Now.AddHours(-1), "00070", dossierId: "sim-1-D3", dueAt: due),
            Received(Now.AddHours(-1), "00070", dossierId: "http-D4", dueAt: due),
            TicketOpened(Now.AddHours(-4), "00082", "sim-1-T1", due),
            TicketOpened(Now.AddHours(-4), "00082", "sim-1-T2", due),
            TicketResolved(Now, "00082", "sim-1-T2", due),
            Document(Now, "VPTU"),
        ]);

        var work = await _router.OpenWorkAsync(id => id.StartsWith("sim-", StringComparison.Ordinal));

        work.Select(w => w.Key).Should().Equal(
            new UnitKey(UnitLevel.Ward, "00070"), new UnitKey(UnitLevel.Ward, "00082"), new UnitKey(UnitLevel.Agency, "TTPVHCC"));
        work[0].Dossiers.Select(d => d.DossierId).Should().Equal("sim-1-D3");
        work[0].Tickets.Should().BeEmpty();
        work[1].Dossiers.Should().ContainSingle().Which.Should().Match<OpenDossier>(d => d.DossierId == "sim-1-D1" && d.ReceivedAt == Now.AddHours(-3) && d.DueAt == due);
        work[1].Tickets.Should().Equal(new OpenTicket("sim-1-T1", Now.AddHours(-4), due, CountsForCity: true));
        work[2].Dossiers.Select(d => d.DossierId).Should().Equal("sim-1-D1");
        work[2].Tickets.Should().BeEmpty();
    }

    [Fact]
    public async Task OpenWorkIsACopyThatLaterEventsLeaveAlone()
    {
        var due = Now.AddDays(1);
        await _router.PostAsync([Received(Now.AddHours(-1), "00082", dossierId: "sim-1-D1", dueAt: due)]);
        var before = await _router.OpenWorkAsync(_ => true);

        await _router.PostAsync([Completed(Now, "00082", "sim-1-D1", due)]);
        var after = await _router.OpenWorkAsync(_ => true);

        before.Should().ContainSingle().Which.Dossiers.Select(d => d.DossierId).Should().Equal("sim-1-D1");
        after.Should().BeEmpty();
    }
}
