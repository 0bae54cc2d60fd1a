using IOC.Domain.Units;
using IOC.Live.Hub;
using IOC.Live.KpiViews;
using IOC.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace IOC.Live.Tests.Hub;

/// <summary>Diffs and coalescing per group, on a fake clock with hand-set figures.</summary>
public class UpdateCoalescerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 16, 9, 0, 0, TimeSpan.FromHours(7));
    private readonly FakeTimeProvider _clock = new(Start.ToUniversalTime());
    private readonly Dictionary<string, Dictionary<string, KpiFigure>> _figures = [];
    private readonly List<string> _reads = [];
    private readonly UpdateCoalescer _coalescer;
    private readonly HubGroup _ward = HubGroup.For(Seed.Units.Wards[0]);
    private readonly HubGroup _otherWard = HubGroup.For(Seed.Units.Wards[1]);

    public UpdateCoalescerTests()
    {
        _coalescer = new UpdateCoalescer(Read, _clock, TimeSpan.FromMilliseconds(250));
        Set(_ward, "dossier.received", 1);
        Set(_ward, "dossier.onlineRate", 50);
        Set(_otherWard, "dossier.received", 7);
    }

    [Fact]
    public void AChangeIsPushedAtOnceWithOnlyTheKpisThatChanged()
    {
        _coalescer.Follow(_ward);

        Set(_ward, "dossier.received", 2);
        _coalescer.MarkChanged([_ward.Unit!.Key]);
        var updates = _coalescer.Flush();

        var update = updates.Should().ContainSingle().Which.Should().BeOfType<KpiUpdate>().Subject;
        update.Group.Should().Be(_ward.Name);
        update.Kpis.Keys.Should().Equal("dossier.received");
        update.Kpis["dossier.received"].Value.Should().Be(2);
    }

    [Fact]
    public void ChangesWithinAQuarterSecondWaitAndArriveAsOneUpdateWithTheLatestValue()
    {
        _coalescer.Follow(_ward);
        Change(_ward, "dossier.received", 2);
        _coalescer.Flush().Should().ContainSingle();

        _clock.Advance(TimeSpan.FromMilliseconds(50));
        Change(_ward, "dossier.received", 3);
        var early = _coalescer.Flush();
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        Change(_ward, "dossier.received", 4);
        Change(_ward, "dossier.onlineRate", 75);
        var stillEarly = _coalescer.Flush();
        var due = _coalescer.NextDue;
        _clock.SetUtcNow(due!.Value);
        var onTime = _coalescer.Flush();

        early.Should().BeEmpty();
        stillEarly.Should().BeEmpty();
        due.Should().Be(Start.AddMilliseconds(250));
        var update = onTime.Should().ContainSingle().Which.Should().BeOfType<KpiUpdate>().Subject;
        update.Kpis.Should().HaveCount(2);
        update.Kpis["dossier.received"].Value.Should().Be(4);
        update.Kpis["dossier.onlineRate"].Value.Should().Be(75);
        _coalescer.NextDue.Should().BeNull("nothing waits any more");
    }

    [Fact]
    public void AFigureThatChangesBackBeforeItIsDueSendsNothing()
    {
        _coalescer.Follow(_ward);
        Change(_ward, "dossier.received", 2);
        _coalescer.Flush();

        _clock.Advance(TimeSpan.FromMilliseconds(100));
        Change(_ward, "dossier.received", 5);
        _coalescer.Flush();
        Change(_ward, "dossier.received", 2);
        _clock.Advance(TimeSpan.FromMilliseconds(200));

        _coalescer.Flush().Should().BeEmpty("the client already shows 2");
    }

    [Fact]
    public void AWardChangeMovesItsGroupAndTheWardsTableButNoOtherGroup()
    {
        _coalescer.Follow(_ward);
        _coalescer.Follow(_otherWard);
        _coalescer.Follow(HubGroup.Table);
        _reads.Clear();

        Change(_ward, "dossier.received", 9);
        var updates = _coalescer.Flush();

        updates.Select(u => u.Group).Should().BeEquivalentTo(_ward.Name, "wards");
        _reads.Should().NotContain(_otherWard.Name, "an unchanged group is not even read");
        var table = updates.OfType<WardsUpdate>().Single();
        table.Wards.Keys.Should().Equal(_ward.Unit!.Code);
        table.Wards[_ward.Unit.Code]["dossier.received"].Value.Should().Be(9);
    }

    [Fact]
    public void AForgottenGroupIsNoLongerReadOrPushed()
    {
        _coalescer.Follow(_ward);
        _coalescer.Forget(_ward.Name);
        _reads.Clear();

        Change(_ward, "dossier.received", 2);

        _coalescer.Flush().Should().BeEmpty();
        _reads.Should().BeEmpty();
        _coalescer.Count.Should().Be(0);
    }

    private void Change(HubGroup group, string kpi, double value)
    {
        Set(group, kpi, value);
        _coalescer.MarkChanged([group.Unit!.Key]);
    }

    private void Set(HubGroup group, string kpi, double value)
    {
        var figures = _figures.TryGetValue(group.Unit!.Code, out var known) ? known : _figures[group.Unit.Code] = [];
        figures[kpi] = new KpiFigure(value, null, null, null, null, "none");
    }

    private object Read(HubGroup group)
    {
        _reads.Add(group.Name);
        return group.Kind == HubGroupKind.Wards
            ? WardsTable.From([.. Seed.Units.Wards.Take(2).Select(Unit)], _clock.GetUtcNow())
            : Unit(group.Unit!);
    }

    private UnitKpis Unit(Unit unit)
    {
        var figures = WardsTable.Columns.ToDictionary(id => id, _ => new KpiFigure(null, null, null, null, null, "none"));
        foreach (var (id, figure) in _figures.GetValueOrDefault(unit.Code) ?? [])
        {
            figures[id] = figure;
        }

        return new UnitKpis(unit.Code, unit.Name, unit.NameEn, "ward", "today", _clock.GetUtcNow(), figures);
    }
}
