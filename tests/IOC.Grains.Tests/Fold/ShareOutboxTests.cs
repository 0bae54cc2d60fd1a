using IOC.Domain.Kpis;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Grains.Fold;
using static IOC.Tests.Shared.TestEvents;

namespace IOC.Grains.Tests.Fold;

public sealed class ShareOutboxTests
{
    private static readonly UnitKey CuaNam = new(UnitLevel.Ward, "00082");

    [Fact]
    public void SharesAreNumberedFromOneAndKeptUntilTheCityTookThem()
    {
        var outbox = new ShareOutbox(CuaNam);

        outbox.Add(Delta(), default);
        outbox.Add(Delta(), default);
        outbox.Acknowledge(1);

        outbox.Pending.Select(s => s.Number).Should().Equal(2);
        outbox.LastNumber.Should().Be(2);
    }

    [Fact]
    public void NothingNewAndTheSameGaugesMakeNoShareButMovedGaugesDo()
    {
        var outbox = new ShareOutbox(CuaNam);

        var nothing = outbox.Add(null, default);
        var gauges = outbox.Add(null, new Gauges(1, 0, 0, 0, 0));
        var same = outbox.Add(null, new Gauges(1, 0, 0, 0, 0));

        (nothing, gauges, same).Should().Be((false, true, false));
        outbox.Pending.Single().Gauges.OpenDossiers.Should().Be(1);
    }

    [Fact]
    public void PastItsBoundTheOldestSharesAreDroppedSoTheCitySeesOneMissing()
    {
        var outbox = new ShareOutbox(CuaNam);

        for (var i = 0; i < ShareOutbox.MaxPending + 5; i++)
        {
            outbox.Add(Delta(), default);
        }

        outbox.Pending.Should().HaveCount(ShareOutbox.MaxPending);
        outbox.Pending[0].Number.Should().Be(6);
    }

    private static GrainDelta Delta()
    {
        var delta = new GrainDelta();
        var call = Call(Morning, "00082");
        delta.Fold(call, VietnamTime.MinuteKey(call.At), null);
        return delta;
    }
}
