using IOC.Domain.Kpis;
using IOC.Grains.Fold;
using static IOC.Tests.Shared.TestEvents;

namespace IOC.Grains.Tests.Fold;

/// <summary>
/// The gauges are kept up to date as items open and close and measured again only when the clock passes an item's
/// due-soon or due instant: whatever the order of openings, closings and measurements, they must equal a count of every
/// open item at that instant.
/// </summary>
public sealed class OpenItemsGaugeTests
{
    private static readonly DateTimeOffset Start = Local(2025, 7, 2, 10, 0);

    [Fact]
    public void GaugesKeptAsItemsComeAndGoEqualACountOfEveryOpenItemAtEachInstant()
    {
        var random = new Random(7);
        var open = new OpenItems();
        var dossiers = new Dictionary<string, DateTimeOffset>();
        var tickets = new Dictionary<string, DateTimeOffset>();
        var now = Start;
        for (var step = 0; step < 20_000; step++)
        {
            // Due instants on whole minutes around now, so that the clock lands on them exactly as well as past them.
            var due = now.AddMinutes(random.Next(-60, 26 * 60)).AddSeconds(-now.Second);
            var id = $"x{random.Next(300)}";
            switch (random.Next(6))
            {
                case 0:
                    open.Track(Received(now, Ward, dossierId: id, dueAt: due));
                    dossiers[id] = due;
                    break;
                case 1:
                    open.Track(Completed(now, Ward, id, due));
                    dossiers.Remove(id);
                    break;
                case 2:
                    open.Track(TicketOpened(now, Ward, id, due));
                    tickets[id] = due;
                    break;
                case 3:
                    open.Track(TicketResolved(now, Ward, id, due));
                    tickets.Remove(id);
                    break;
                default:
                    // The clock moves on: by a second, to a whole minute (a due instant), or by hours.
                    now = random.Next(3) switch
                    {
                        0 => now.AddSeconds(1),
                        1 => now.AddMinutes(1).AddSeconds(-now.Second),
                        _ => now.AddMinutes(random.Next(1, 300)),
                    };
                    break;
            }

            open.Measure(now).Should().Be(Counted(dossiers.Values, tickets.Values, now), $"step {step} at {now:O}");
        }
    }

    [Fact]
    public void AnInstantEarlierThanTheLastMeasureIsCountedAgainNotTakenFromTheLaterOne()
    {
        var open = new OpenItems();
        open.Track(Received(Start, Ward, dossierId: "D1", dueAt: Start.AddHours(1)));

        var later = open.Measure(Start.AddHours(2));
        var earlier = open.Measure(Start);

        (later.OverdueDossiers, later.DueSoonDossiers).Should().Be((1L, 0L));
        (earlier.OverdueDossiers, earlier.DueSoonDossiers).Should().Be((0L, 1L));
    }

    private static Gauges Counted(IEnumerable<DateTimeOffset> dossiers, IEnumerable<DateTimeOffset> tickets, DateTimeOffset now) => new(
        dossiers.Count(),
        dossiers.Count(d => d < now),
        dossiers.Count(d => d >= now && d <= now + Gauges.DueSoonSpan),
        tickets.Count(),
        tickets.Count(t => t < now));
}
