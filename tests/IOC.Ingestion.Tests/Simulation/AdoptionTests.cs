using IOC.Domain.Events;
using IOC.Domain.Units;
using IOC.Grains.Messages;
using IOC.Grains.Fold;
using IOC.Ingestion.Parsing;
using IOC.Ingestion.Simulation;
using IOC.Tests.Shared;

namespace IOC.Ingestion.Tests.Simulation;

/// <summary>An earlier run (Wednesday 9:00–17:00) stopped with work open; the next one starts on Thursday at 8:00.</summary>
public sealed class EarlierRun
{
    public static readonly DateTimeOffset Start = SimulatedWeek.LocalTime(new DateOnly(2026, 11, 18), 9);
    public static readonly DateTimeOffset Stop = Start.AddHours(8);
    public static readonly DateTimeOffset Restart = SimulatedWeek.LocalTime(new DateOnly(2026, 11, 19), 8);

    public EarlierRun()
    {
        Events = new TrafficGenerator(Seed.Units, 2025, eventsPerSecond: 0.5).Generate(Start, Stop);
        Leftovers = OpenAtTheEnd(Events);
    }

    public IReadOnlyList<IocEvent> Events { get; }

    /// <summary>Dossiers and tickets still open when the run stopped, in the order they arrived.</summary>
    public IReadOnlyList<LeftoverWork> Leftovers { get; }

    public static List<LeftoverWork> OpenAtTheEnd(IEnumerable<IocEvent> events)
    {
        var open = new Dictionary<string, LeftoverWork>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            switch (e)
            {
                case DossierReceived r:
                    open[r.DossierId] = new LeftoverWork(r.DossierId, IsTicket: false, r.Unit, r.Agency, r.At, r.DueAt);
                    break;
                case DossierCompleted c:
                    open.Remove(c.DossierId);
                    break;
                case TicketOpened t:
                    open[t.TicketId] = new LeftoverWork(t.TicketId, IsTicket: true, t.Unit, t.Agency, t.At, t.DueAt);
                    break;
                case TicketResolved t:
                    open.Remove(t.TicketId);
                    break;
            }
        }

        return [.. open.Values];
    }
}

public sealed class AdoptionTests(EarlierRun earlier) : IClassFixture<EarlierRun>
{
    private static readonly DateTimeOffset Restart = EarlierRun.Restart;

    [Fact]
    public void EveryLeftoverIsFinishedOnceWithItsIdUnitAgencyAndDueTimeNeverBeforeItsReceiptOrTheRestart()
    {
        var generator = new TrafficGenerator(Seed.Units, 2025, eventsPerSecond: 0.02);

        var adopted = generator.Adopt(earlier.Leftovers, Restart);
        var events = generator.Generate(Restart, Restart.AddDays(30));

        var leftovers = earlier.Leftovers.ToDictionary(l => l.Id);
        var finished = Finished(events).Where(f => leftovers.ContainsKey(f.Id)).ToList();
        adopted.Should().Be(new AdoptedWork(earlier.Leftovers.Count(l => !l.IsTicket), earlier.Leftovers.Count(l => l.IsTicket)));
        adopted.Dossiers.Should().BeGreaterThan(100);
        adopted.Tickets.Should().BeGreaterThan(10);
        finished.Select(f => f.Id).Order(StringComparer.Ordinal).Should().Equal(leftovers.Keys.Order(StringComparer.Ordinal));
        finished.Should().OnlyContain(f =>
            f.IsTicket == leftovers[f.Id].IsTicket &&
            f.Event.Unit == leftovers[f.Id].Unit && f.Event.Agency == leftovers[f.Id].Agency &&
            f.DueAt == leftovers[f.Id].DueAt &&
            f.DoneAt >= leftovers[f.Id].OpenedAt && f.DoneAt >= Restart && f.DoneAt <= f.Event.At);
    }

    [Fact]
    public void EventsOfAnEarlierRunAndOfTheOneThatAdoptedItsWorkPassIngestionValidation()
    {
        var generator = new TrafficGenerator(Seed.Units, 7, eventsPerSecond: 0.02);
        generator.Adopt(earlier.Leftovers, Restart);
        var events = earlier.Events.Concat(generator.Generate(Restart, Restart.AddDays(30))).ToList();
        var parser = new EventParser(Seed.Units);
        var ledger = new DossierLedger();

        var items = BatchReader.Read(EventJson.ToNdjson(events), ndjson: true, int.MaxValue);
        var parsed = items.Select(i => parser.Parse(i, Restart.AddDays(30))).ToList();
        var contradictions = new List<string>();
        foreach (var e in parsed.Select(p => p.Event).OfType<IocEvent>())
        {
            if (e is DossierCompleted c && DossierLedger.Contradiction(c, ledger.ReceivedAt(c.DossierId)) is { } reason)
            {
                contradictions.Add($"{c.DossierId} {reason}");
            }

            ledger.Apply(e);
        }

        parsed.Select(p => p.Error).Should().OnlyContain(e => e == null);
        contradictions.Should().BeEmpty();
        ledger.ReceivedAt(earlier.Leftovers.First(l => !l.IsTicket).Id).Should().BeNull("the adopted dossier was completed");
    }

    [Fact]
    public void OverdueLeftoversFinishLateAndMostlyWithinTheFirstHoursWhileTheOthersMostlyFinishOnTime()
    {
        var generator = new TrafficGenerator(Seed.Units, 2025, eventsPerSecond: 0);
        generator.Adopt(earlier.Leftovers, Restart);

        var finished = Finished(generator.Generate(Restart, Restart.AddDays(30))).ToList();

        var overdue = finished.Where(f => f.DueAt < Restart).ToList();
        var notYetDue = finished.Where(f => f.DueAt >= Restart).ToList();
        overdue.Should().HaveCountGreaterThan(20).And.OnlyContain(f => f.DoneAt > f.DueAt);
        Share(overdue, f => f.DoneAt <= Restart.AddHours(4)).Should().BeGreaterThan(0.9);
        notYetDue.Should().HaveCountGreaterThan(100);
        Share(notYetDue, f => f.DoneAt <= f.DueAt).Should().BeInRange(0.9, 0.99);
        finished.Should().HaveCount(earlier.Leftovers.Count, "a generator without traffic finishes only what it adopted");
    }

    [Fact]
    public void TheSameLeftoversSeedAndStartGiveTheSameEventsWhateverTheOrderOrRepeatsOfTheLeftovers()
    {
        var first = new TrafficGenerator(Seed.Units, 2025, eventsPerSecond: 0.2);
        var second = new TrafficGenerator(Seed.Units, 2025, eventsPerSecond: 0.2);
        var otherSeed = new TrafficGenerator(Seed.Units, 2026, eventsPerSecond: 0.2);

        first.Adopt(earlier.Leftovers, Restart);
        second.Adopt(earlier.Leftovers.Reverse().Concat(earlier.Leftovers.Take(50)), Restart);
        otherSeed.Adopt(earlier.Leftovers, Restart);
        var a = EventJson.ToNdjson(first.Generate(Restart, Restart.AddDays(3)));
        var b = EventJson.ToNdjson(second.Generate(Restart, Restart.AddDays(3)));
        var c = EventJson.ToNdjson(otherSeed.Generate(Restart, Restart.AddDays(3)));

        a.Should().NotBeEmpty();
        b.Should().Equal(a);
        c.Should().NotEqual(a);
    }

    [Fact]
    public void AdoptingNothingChangesNothing()
    {
        var plain = new TrafficGenerator(Seed.Units, 2025, eventsPerSecond: 0.5);
        var adopting = new TrafficGenerator(Seed.Units, 2025, eventsPerSecond: 0.5);

        var adopted = adopting.Adopt([], Restart);
        var a = EventJson.ToNdjson(plain.Generate(Restart, Restart.AddDays(1)));
        var b = EventJson.ToNdjson(adopting.Generate(Restart, Restart.AddDays(1)));

        adopted.Should().Be(new AdoptedWork(0, 0));
        b.Should().Equal(a);
    }

    [Fact]
    public void AfterASteadyRunTheAdoptedWorkTakesTheBacklogsPlaceSoCompletionsKeepTheirPace()
    {
        var stop = EarlierRun.Start.AddDays(14);
        var steady = new TrafficGenerator(Seed.Units, 2025, eventsPerSecond: 0.2);
        var earlierEvents = new List<IocEvent>();
        for (var day = EarlierRun.Start; day < stop; day = day.AddDays(1))
        {
            earlierEvents.AddRange(steady.Generate(day, day.AddDays(1)));
        }

        var restarted = new TrafficGenerator(Seed.Units, 2025, eventsPerSecond: 0.2);
        restarted.Adopt(EarlierRun.OpenAtTheEnd(earlierEvents), stop);
        var carriedOn = steady.Generate(stop, stop.AddDays(3)).OfType<DossierCompleted>().ToList();
        var afterRestart = restarted.Generate(stop, stop.AddDays(3)).OfType<DossierCompleted>().ToList();

        double Ratio(int days) =>
            afterRestart.Count(c => c.At < stop.AddDays(days)) / (double)carriedOn.Count(c => c.At < stop.AddDays(days));
        Ratio(1).Should().BeInRange(0.9, 1.2, "the adopted work replaces the made-up backlog instead of adding to it");
        Ratio(3).Should().BeInRange(0.95, 1.05);
    }

    [Fact]
    public void LeftoversBeyondTheMemoryCapFinishAtTheStart()
    {
        var generator = new TrafficGenerator(Seed.Units, 2025, eventsPerSecond: 0, maxOpenItems: 50);

        generator.Adopt(earlier.Leftovers, Restart);
        var atOnce = generator.OpenItems;
        var firstSecond = generator.Generate(Restart, Restart.AddSeconds(1));

        atOnce.Should().Be(earlier.Leftovers.Count);
        firstSecond.Should().HaveCount(earlier.Leftovers.Count - 50);
        Finished(firstSecond).Should().OnlyContain(f => f.DoneAt == Restart);
        generator.OpenItems.Should().Be(50);
    }

    [Fact]
    public void AdoptingAfterTheFirstWindowIsRefused()
    {
        var generator = new TrafficGenerator(Seed.Units, 2025, eventsPerSecond: 1);
        generator.Generate(Restart, Restart.AddMinutes(1));

        var adopt = () => generator.Adopt(earlier.Leftovers, Restart.AddMinutes(1));

        adopt.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void AnItemOpenAtAWardAndAnAgencyIsAdoptedOnceAndItsCompletionNamesBoth()
    {
        var due = Restart.AddHours(3);
        var dossier = new OpenDossier("sim-1-1-D1", "2.000815", DossierChannel.Online, Restart.AddHours(-1), due);
        var ticket = new OpenTicket("sim-1-1-T1", Restart.AddDays(-1), due);
        var grains = new[]
        {
            new OpenWork(new UnitKey(UnitLevel.Ward, "00082"), [dossier], []),
            new OpenWork(new UnitKey(UnitLevel.Ward, "00070"), [], [ticket]),
            new OpenWork(new UnitKey(UnitLevel.Agency, "TTPVHCC"), [dossier], []),
        };

        var leftovers = LeftoverWork.FromGrains(grains);
        var generator = new TrafficGenerator(Seed.Units, 2025, eventsPerSecond: 0);
        generator.Adopt(leftovers, Restart);
        var events = generator.Generate(Restart, Restart.AddDays(10));

        leftovers.Should().Equal(
            new LeftoverWork("sim-1-1-D1", IsTicket: false, "00082", "TTPVHCC", Restart.AddHours(-1), due),
            new LeftoverWork("sim-1-1-T1", IsTicket: true, "00070", null, Restart.AddDays(-1), due));
        events.OfType<DossierCompleted>().Should().ContainSingle()
            .Which.Should().Match<DossierCompleted>(c => c.Unit == "00082" && c.Agency == "TTPVHCC" && c.DueAt == due);
        events.OfType<TicketResolved>().Should().ContainSingle()
            .Which.Should().Match<TicketResolved>(t => t.Unit == "00070" && t.Agency == null && t.DueAt == due && t.ResolvedAt >= Restart);
    }

    [Fact]
    public void AQuickRestartFinishesTheLeftoversAtAboutThePaceTheEarlierRunWouldHaveKept()
    {
        // The earlier run again (same seed, rate and start), this time not stopping at its end.
        var carryingOn = new TrafficGenerator(Seed.Units, 2025, eventsPerSecond: 0.5);
        carryingOn.Generate(EarlierRun.Start, EarlierRun.Stop);
        var restarted = new TrafficGenerator(Seed.Units, 2025, eventsPerSecond: 0);
        restarted.Adopt(earlier.Leftovers, EarlierRun.Stop);
        var leftovers = earlier.Leftovers.Select(l => l.Id).ToHashSet();

        var expected = Finished(carryingOn.Generate(EarlierRun.Stop, EarlierRun.Stop.AddDays(3))).Where(f => leftovers.Contains(f.Id)).ToList();
        var adopted = Finished(restarted.Generate(EarlierRun.Stop, EarlierRun.Stop.AddDays(3))).ToList();

        foreach (var hours in new[] { 4, 24, 72 })
        {
            var horizon = EarlierRun.Stop.AddHours(hours);
            var ratio = adopted.Count(f => f.DoneAt < horizon) / (double)expected.Count(f => f.DoneAt < horizon);
            ratio.Should().BeInRange(0.8, 1.35, $"within {hours} h the adopted work should keep about the earlier run's pace");
        }
    }

    private static IEnumerable<(string Id, bool IsTicket, IocEvent Event, DateTimeOffset DueAt, DateTimeOffset DoneAt)> Finished(IEnumerable<IocEvent> events)
    {
        foreach (var e in events)
        {
            switch (e)
            {
                case DossierCompleted c:
                    yield return (c.DossierId, false, c, c.DueAt, c.CompletedAt);
                    break;
                case TicketResolved t:
                    yield return (t.TicketId, true, t, t.DueAt, t.ResolvedAt);
                    break;
            }
        }
    }

    private static double Share<T>(IReadOnlyCollection<T> items, Func<T, bool> predicate) =>
        items.Count == 0 ? double.NaN : items.Count(predicate) / (double)items.Count;
}
