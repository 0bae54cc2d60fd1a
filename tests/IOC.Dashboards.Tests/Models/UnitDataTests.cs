using IOC.Dashboards.Models;
using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.History.Queries;

namespace IOC.Dashboards.Tests.Models;

public class UnitDataTests
{
    [Fact]
    public void AWardShowsItsThreeGroupsEvenWithoutAnyFigure()
    {
        var summary = Summary();

        var groups = UnitData.GroupsFor(UnitLevel.Ward, summary);

        groups.Should().Equal("dossier", "hotline", "satisfaction");
    }

    [Fact]
    public void AnAgencyShowsDocumentsFirstAndOnlyTheGroupsItHasATargetOrFiguresIn()
    {
        var summary = Summary(
            ("document.digitalRate", new Figure(75, 3, 4), Target: true),
            ("document.processed", new Figure(4, 4, null), Target: false),
            ("dossier.onTimeRate", new Figure(null, 0, 0), Target: true));

        var groups = UnitData.GroupsFor(UnitLevel.Agency, summary);

        groups.Should().Equal("document", "dossier");
    }

    [Fact]
    public void AnAgencyShowsSatisfactionAndTheHotlineWhenTheyHaveFiguresEvenAtZeroPercent()
    {
        var summary = Summary(
            ("satisfaction.rate", new Figure(0, 0, 3), Target: false),
            ("hotline.offered", new Figure(2, 2, null), Target: false));

        var groups = UnitData.GroupsFor(UnitLevel.Agency, summary);

        groups.Should().Equal("satisfaction", "hotline");
    }

    [Fact]
    public void AnAgencyGroupWithFiguresOnlyInThePreviousPeriodStaysSoTheChangeIsSeen()
    {
        var summary = Summary() with
        {
            Kpis = [.. Summary().Kpis.Select(k => k.Id == "document.processed" ? k with { Previous = new Figure(12, 12, null) } : k)],
        };

        var groups = UnitData.GroupsFor(UnitLevel.Agency, summary);

        groups.Should().Equal("document");
    }

    [Fact]
    public void EveryGroupAPageCanShowHasItsChartedRatesAndTheyAreRatesOfThatGroup()
    {
        var groups = UnitData.WardGroups.Concat(UnitData.AgencyGroups).Distinct();

        foreach (var group in groups)
        {
            UnitData.Charted[group].Should().NotBeEmpty().And.OnlyContain(id => KpiCatalog.Get(id).Group == group && KpiCatalog.Get(id).Kind == KpiKind.Rate);
        }

        UnitData.Charted["document"].Should().Equal("document.digitalRate", "document.signedRate");
    }

    /// <summary>Every KPI of the catalogue without a figure, a target or a previous period, except those given.</summary>
    private static HistorySummary Summary(params (string Id, Figure Value, bool Target)[] given)
    {
        var kpis = KpiCatalog.All.Select(kpi =>
        {
            var (_, value, target) = given.FirstOrDefault(g => g.Id == kpi.Id, (kpi.Id, new Figure(kpi.Kind == KpiKind.Rate ? null : 0, 0, null), false));
            return new KpiSummary(kpi.Id, kpi.Group, kpi.Kind.ToString(), kpi.NameVi, kpi.NameEn, kpi.Kind == KpiKind.Gauge, value,
                target ? new TargetRef(">=", 100, "year") : null, "none", null, null, null);
        }).ToList();
        var at = new DateTimeOffset(2025, 7, 10, 0, 0, 0, TimeSpan.FromHours(7));
        return new HistorySummary(new UnitRef("VPUBND", "Văn phòng UBND", "PC Office", "agency"), at, at.AddDays(1), at.AddDays(-1), at, at, kpis);
    }
}
