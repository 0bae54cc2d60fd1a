using IOC.Domain.Events;
using IOC.Domain.Kpis;
using IOC.Domain.Targets;
using IOC.Domain.Units;
using static IOC.Tests.Shared.TestEvents;
using RepoSeed = IOC.Tests.Shared.Seed;

namespace IOC.Domain.Tests.Kpis;

public sealed class KpiEvaluatorTests
{
    private static readonly UnitKey CuaNam = new(UnitLevel.Ward, "00082");

    [Fact]
    public void AWardIsJudgedAgainstTheWardTargetsOfTheSeedData()
    {
        // 20 received: 11 online (55 %, target >= 60: near), 3 full-process (15 %, target >= 20: near),
        // all 20 on the platform (100 %, target >= 100: met).
        var events = new List<IocEvent>();
        for (var i = 0; i < 20; i++)
        {
            var channel = i < 11 ? DossierChannel.Online : DossierChannel.InPerson;
            events.Add(Received(channel: channel, fullProcess: i < 3, onPlatform: true));
        }

        var counters = Fold([.. events]);

        var results = KpiEvaluator.Evaluate(CuaNam, counters, default, RepoSeed.Targets).ToDictionary(r => r.Definition.Id);

        results["dossier.onlineRate"].Value.Value.Should().Be(55);
        results["dossier.onlineRate"].Status.Should().Be(KpiStatus.Near);
        results["dossier.onlineRate"].Target!.Value.Should().Be(60);
        results["dossier.fullProcessOnlineRate"].Value.Value.Should().Be(15);
        results["dossier.fullProcessOnlineRate"].Status.Should().Be(KpiStatus.Near);
        results["dossier.digitalPlatformRate"].Status.Should().Be(KpiStatus.Met);
    }

    [Fact]
    public void EveryKpiGetsAResultInCatalogueOrder()
    {
        var results = KpiEvaluator.Evaluate(CuaNam, default, default, RepoSeed.Targets);

        results.Select(r => r.Definition.Id).Should().Equal(KpiCatalog.All.Select(k => k.Id));
    }

    [Fact]
    public void AKpiWithoutATargetHasStatusNone()
    {
        var counters = Fold(Received());

        var result = KpiEvaluator.Evaluate(CuaNam, counters, default, RepoSeed.Targets).Single(r => r.Definition.Id == "dossier.received");

        result.Target.Should().BeNull();
        result.Status.Should().Be(KpiStatus.None);
        result.Value.Value.Should().Be(1);
    }

    [Fact]
    public void ARateWithNoDataHasStatusNoneEvenWithATarget()
    {
        var result = KpiEvaluator.Evaluate(CuaNam, default, default, RepoSeed.Targets).Single(r => r.Definition.Id == "satisfaction.rate");

        result.Target!.Value.Should().Be(95);
        result.Status.Should().Be(KpiStatus.None);
    }

    [Fact]
    public void OneOverdueDossierMissesTheZeroTargetWithoutANearBand()
    {
        var gauges = new Gauges(OpenDossiers: 3, OverdueDossiers: 1, DueSoonDossiers: 0, OpenTickets: 0, OverdueTickets: 0);

        var result = KpiEvaluator.Evaluate(CuaNam, default, gauges, RepoSeed.Targets).Single(r => r.Definition.Id == "dossier.overduePending");

        result.Value.Value.Should().Be(1);
        result.Status.Should().Be(KpiStatus.Missed);
    }

    [Fact]
    public void TheServiceCenterIsJudgedAgainstItsOwnCommitment()
    {
        // 19 of 20 full-process: 95 %. The wards' target (20 %) would be met; the centre's own (100 %) is near.
        var events = new List<IocEvent>();
        for (var i = 0; i < 20; i++)
        {
            events.Add(Received(channel: DossierChannel.Online, fullProcess: i < 19));
        }

        var counters = Fold([.. events]);
        var centre = new UnitKey(UnitLevel.Agency, "TTPVHCC");

        var result = KpiEvaluator.Evaluate(centre, counters, default, RepoSeed.Targets).Single(r => r.Definition.Id == "dossier.fullProcessOnlineRate");

        result.Value.Value.Should().Be(95);
        result.Target!.Value.Should().Be(100);
        result.Status.Should().Be(KpiStatus.Near);
    }
}
