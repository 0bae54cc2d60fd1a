using IOC.Domain.Time;
using IOC.History.Model;
using static IOC.Tests.Shared.TestEvents;

namespace IOC.History.Tests.Model;

public sealed class ResolutionTests
{
    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    [Fact]
    public void AMinuteRollsUpToItsHourAndToItsLocalDay()
    {
        var minute = VietnamTime.MinuteKey(Local(2025, 7, 2, 6, 37));

        var buckets = Resolutions.All.Select(r => r.BucketOfMinute(minute)).ToArray();

        buckets.Should().Equal(
            Ms(new DateTimeOffset(2025, 7, 1, 23, 37, 0, TimeSpan.Zero)),
            Ms(new DateTimeOffset(2025, 7, 1, 23, 0, 0, TimeSpan.Zero)),
            Ms(new DateTimeOffset(2025, 7, 1, 17, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void FloorAndCeilingFollowHanoisClock()
    {
        var at = Ms(Local(2025, 7, 2, 1, 30));

        var floorDay = Resolutions.Floor(at, TimeSpan.FromDays(1));
        var ceilingDay = Resolutions.Ceiling(at, TimeSpan.FromDays(1));
        var floorFive = Resolutions.Floor(Ms(Local(2025, 7, 2, 1, 34, 59)), TimeSpan.FromMinutes(5));

        floorDay.Should().Be(Ms(Local(2025, 7, 2, 0, 0)));
        ceilingDay.Should().Be(Ms(Local(2025, 7, 3, 0, 0)));
        floorFive.Should().Be(Ms(Local(2025, 7, 2, 1, 30)));
        Resolutions.Ceiling(floorDay, TimeSpan.FromDays(1)).Should().Be(floorDay, "a boundary is its own ceiling");
    }

    [Fact]
    public void GroupsStartAtLocalBoundaries()
    {
        var offsets = new[] { TimeSpan.FromDays(1), TimeSpan.FromHours(1), TimeSpan.FromMinutes(5) }.Select(Resolutions.LocalOffsetMs);

        offsets.Should().Equal((long)TimeSpan.FromHours(17).TotalMilliseconds, 0, 0);
    }
}
