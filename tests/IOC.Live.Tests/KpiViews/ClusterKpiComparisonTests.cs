using System.Text.Json;
using System.Text.Json.Nodes;
using IOC.Bench.Cluster;
using IOC.Live.KpiViews;

namespace IOC.Live.Tests.KpiViews;

/// <summary>
/// The comparison the cluster's country benchmark (bench/IOC.Bench.Cluster, <c>country</c>) ends with: the figures of
/// one node against each node of the cluster, read from JSON in the shape the KPI API writes (<see cref="UnitKpis"/>).
/// </summary>
public sealed class ClusterKpiComparisonTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void FiguresThatDifferOnlyByTheOrderTheirSharesWereAddedInAreEqual()
    {
        var single = Table(Province("01", wait: 0.1 + 0.2, received: 120, at: 0));
        var node = Table(Province("01", wait: 0.3, received: 120, at: 5));

        (0.1 + 0.2).Should().NotBe(0.3, "the case is only meaningful if the sums differ in their last bits");
        KpiComparison.Differences(single, "1 node", node, "node 2 of 3").Should().BeEmpty("asOf is the time of the read, and a last-bit difference is summing order");
    }

    [Fact]
    public void ACountOffByOneIsNamedWithItsUnitItsKpiAndBothValues()
    {
        var single = Table(Province("01", wait: 12.5, received: 120, at: 0));
        var node = Table(Province("01", wait: 12.5, received: 119, at: 0));

        KpiComparison.Differences(single, "1 node", node, "node 2 of 3").Should().Equal(
            "ytd city 01 dossier.received value: 120 on 1 node, 119 on node 2 of 3");
    }

    [Fact]
    public void AnAverageThatDiffersBeyondTheSummingOrderIsADifferenceInValueAndNumerator()
    {
        var single = Table(Province("01", wait: 12.5, received: 120, at: 0));
        var node = Table(Province("01", wait: 12.75, received: 120, at: 0));

        KpiComparison.Differences(single, "1 node", node, "node 3 of 3").Should().Equal(
            "ytd city 01 hotline.wait value: 12.5 on 1 node, 12.75 on node 3 of 3",
            "ytd city 01 hotline.wait numerator: 50 on 1 node, 51 on node 3 of 3");
    }

    [Fact]
    public void AUnitShownOnOneSideOnlyIsADifference()
    {
        var single = Table(Province("01", wait: 1, received: 1, at: 0), Province("79", wait: 1, received: 1, at: 0));
        var node = Table(Province("01", wait: 1, received: 1, at: 0));

        KpiComparison.Differences(single, "1 node", node, "node 1 of 3").Should().Equal("ytd city 79: shown on 1 node, not shown on node 1 of 3");
    }

    [Fact]
    public void ARateWithNothingToDivideByIsNotARateOfZero()
    {
        var single = Table(Unit("00070", "ward", new() { ["dossier.ontime_rate"] = new KpiFigure(null, null, null, 0.95, ">=", "none") }));
        var node = Table(Unit("00070", "ward", new() { ["dossier.ontime_rate"] = new KpiFigure(0, 0, 0, 0.95, ">=", "red") }));

        KpiComparison.Differences(single, "1 node", node, "node 2 of 3").Should().Equal(
            "ytd ward 00070 dossier.ontime_rate value: none on 1 node, 0 on node 2 of 3",
            "ytd ward 00070 dossier.ontime_rate numerator: none on 1 node, 0 on node 2 of 3",
            "ytd ward 00070 dossier.ontime_rate denominator: none on 1 node, 0 on node 2 of 3",
            "ytd ward 00070 dossier.ontime_rate status: \"none\" on 1 node, \"red\" on node 2 of 3");
    }

    [Fact]
    public void AKpiMissingFromOneSideIsADifference()
    {
        var single = Table(Unit("00070", "ward", new() { ["dossier.received"] = Count(3), ["hotline.calls"] = Count(2) }));
        var node = Table(Unit("00070", "ward", new() { ["dossier.received"] = Count(3) }));

        KpiComparison.Differences(single, "1 node", node, "node 2 of 3").Should().Equal("ytd ward 00070 hotline.calls: present on 1 node, missing on node 2 of 3");
    }

    [Fact]
    public void AListAndASingleAnswerFillTheTableByWindowLevelAndCode()
    {
        var table = new KpiTable();
        table.AddOne(Json(Unit("VN", "country", new() { ["dossier.received"] = Count(7) })));
        table.AddList(Json(new UnitKpisList("ytd", DateTimeOffset.UnixEpoch, [Unit("01", "city", new() { ["dossier.received"] = Count(4) }), Unit("79", "city", new() { ["dossier.received"] = Count(3) })])));

        table.Units.Keys.Should().Equal("ytd city 01", "ytd city 79", "ytd country VN");
        table.Find("ytd city 79")!["dossier.received"]!["value"]!.GetValue<double>().Should().Be(3);
        table.Invoking(t => t.AddOne(Json(Unit("VN", "country", new() { ["dossier.received"] = Count(7) }))))
            .Should().Throw<InvalidOperationException>().WithMessage("ytd country VN was read twice.");
    }

    [Fact]
    public void TheWaitForFinalFiguresComparesTheCountrysYearToDateAlone()
    {
        var single = Table(
            Unit("VN", "country", new() { ["dossier.received"] = Count(7) }),
            Unit("01", "city", new() { ["dossier.received"] = Count(4) }));
        var node = Table(Unit("VN", "country", new() { ["dossier.received"] = Count(7) }));

        var country = single.Where(NationalKpis.IsCountryYearToDate);

        country.Units.Keys.Should().Equal("ytd country VN");
        KpiComparison.Differences(country, "1 node", node, "node 2 of 3").Should().BeEmpty();
        KpiComparison.Differences(single, "1 node", node, "node 2 of 3").Should().Equal("ytd city 01: shown on 1 node, not shown on node 2 of 3");
    }

    private static KpiFigure Count(double value) => new(value, null, null, null, null, "none");

    private static UnitKpis Province(string code, double wait, double received, int at) => new(
        code,
        "Tỉnh " + code,
        "Province " + code,
        "city",
        "ytd",
        DateTimeOffset.UnixEpoch.AddSeconds(at),
        new Dictionary<string, KpiFigure>
        {
            ["dossier.received"] = Count(received),
            ["hotline.wait"] = new(wait, wait * 4, 4, 30, "<=", "green"),
        });

    private static UnitKpis Unit(string code, string level, Dictionary<string, KpiFigure> kpis) =>
        new(code, code, code, level, "ytd", DateTimeOffset.UnixEpoch, kpis);

    private static KpiTable Table(params UnitKpis[] units)
    {
        var table = new KpiTable();
        foreach (var unit in units)
        {
            table.AddOne(Json(unit));
        }

        return table;
    }

    private static JsonObject Json<T>(T answer) => JsonSerializer.SerializeToNode(answer, Web)!.AsObject();
}
