using IOC.Domain.Events;
using IOC.Domain.Kpis;
using IOC.Domain.Time;
using IOC.Ingestion.Parsing;
using IOC.Ingestion.Simulation;
using IOC.Tests.Shared;

namespace IOC.Ingestion.Tests.Simulation;

public sealed class TrafficGeneratorTests(SimulatedWeek week) : IClassFixture<SimulatedWeek>
{
    private static readonly DateTimeOffset Monday9 = SimulatedWeek.LocalTime(new DateOnly(2026, 11, 16), 9);

    [Fact]
    public void TheSameSeedAndStartGiveIdenticalEvents()
    {
        var first = new TrafficGenerator(Seed.Units, 7, eventsPerSecond: 2);
        var second = new TrafficGenerator(Seed.Units, 7, eventsPerSecond: 2);

        var a = EventJson.ToNdjson(first.Generate(Monday9, Monday9.AddHours(2)));
        var b = EventJson.ToNdjson(second.Generate(Monday9, Monday9.AddHours(2)));

        a.Should().NotBeEmpty();
        b.Should().Equal(a);
    }

    [Fact]
    public void DifferentSeedsGiveDifferentEvents()
    {
        var first = new TrafficGenerator(Seed.Units, 7, eventsPerSecond: 2);
        var second = new TrafficGenerator(Seed.Units, 8, eventsPerSecond: 2);

        var a = first.Generate(Monday9, Monday9.AddHours(1)).Select(Describe).ToList();
        var b = second.Generate(Monday9, Monday9.AddHours(1)).Select(Describe).ToList();

        b.Should().NotEqual(a);
    }

    [Fact]
    public void SlicingTimeIntoTicksGivesTheSameEventsAsOneCall()
    {
        var whole = new TrafficGenerator(Seed.Units, 3, eventsPerSecond: 1);
        var sliced = new TrafficGenerator(Seed.Units, 3, eventsPerSecond: 1);
        var end = Monday9.AddDays(2);

        var expected = EventJson.ToNdjson(whole.Generate(Monday9, end));
        var slices = new List<IocEvent>();
        for (var t = Monday9; t < end; t = t.AddMinutes(7))
        {
            slices.AddRange(sliced.Generate(t, t.AddMinutes(7) < end ? t.AddMinutes(7) : end));
        }

        EventJson.ToNdjson(slices).Should().Equal(expected);
    }

    [Fact]
    public void EveryEventOfAWeekPassesTheParser()
    {
        var parser = new EventParser(Seed.Units);
        var body = EventJson.ToNdjson(week.Events);

        var items = BatchReader.Read(body, ndjson: true, int.MaxValue);
        var errors = items.Select(i => parser.Parse(i, week.End).Error).OfType<ItemError>().ToList();

        items.Should().HaveCount(week.Events.Count);
        errors.Should().BeEmpty();
    }

    [Fact]
    public void EventsFallInTheAskedWindowWithTheVietnamOffset()
    {
        var events = week.Events;

        events.Should().OnlyContain(e => e.At >= week.Start && e.At < week.End);
        events.Should().OnlyContain(e => e.At.Offset == VietnamTime.Offset);
        events.Select(e => e.At).Should().BeInAscendingOrder();
    }

    [Fact]
    public void EventIdsAreUniqueAndNameTheSeedAndStart()
    {
        var ids = week.Events.Select(e => e.Id).ToList();

        ids.Should().OnlyHaveUniqueItems();
        ids.Should().OnlyContain(id => id.StartsWith($"sim-{SimulatedWeek.Seed}-{week.Start.ToUnixTimeSeconds()}-"));
        week.Of<DossierReceived>().Select(r => r.DossierId).Should().OnlyHaveUniqueItems();
        week.Of<TicketOpened>().Select(t => t.TicketId).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void OfficeHoursAreFarBusierThanNight()
    {
        var local = week.Events.Select(e => VietnamTime.ToLocal(e.At)).Where(at => at.DayOfWeek is >= DayOfWeek.Monday and <= DayOfWeek.Friday).ToList();

        var morning = local.Count(at => at.Hour == 9);
        var night = local.Count(at => at.Hour == 2);
        var sunday = week.Events.Count(e => VietnamTime.ToLocal(e.At).DayOfWeek == DayOfWeek.Sunday);
        var wednesday = week.Events.Count(e => VietnamTime.ToLocal(e.At).DayOfWeek == DayOfWeek.Wednesday);

        morning.Should().BeGreaterThan(10 * night);
        wednesday.Should().BeGreaterThan(3 * sunday);
    }

    [Fact]
    public void NightTrafficIsOnlineOrHotline()
    {
        var night = week.Events.Where(e => VietnamTime.ToLocal(e.At).Hour is < 6 or >= 22).ToList();

        night.Should().NotBeEmpty();
        night.OfType<DossierReceived>().Should().OnlyContain(r => r.Channel == DossierChannel.Online);
        night.Should().NotContain(e => e is DocumentProcessed);
    }

    [Fact]
    public void DesksTakeDossiersOnWeekdaysAndSaturdayMorningOnly()
    {
        var atDesks = week.Of<DossierReceived>().Where(r => r.Channel != DossierChannel.Online).Select(r => VietnamTime.ToLocal(r.At)).ToList();

        var saturday = atDesks.Where(at => at.DayOfWeek == DayOfWeek.Saturday).ToList();

        atDesks.Should().OnlyContain(at => at.DayOfWeek != DayOfWeek.Sunday);
        atDesks.Should().OnlyContain(at => (at.TimeOfDay >= new TimeSpan(7, 30, 0) && at.TimeOfDay < new TimeSpan(11, 30, 0))
            || (at.TimeOfDay >= new TimeSpan(13, 30, 0) && at.TimeOfDay < new TimeSpan(17, 0, 0)));
        saturday.Should().NotBeEmpty().And.OnlyContain(at => at.Hour < 12);
    }

    [Fact]
    public void UrbanWardsAreBusierThanCommunes()
    {
        var perUnit = week.Events.Where(e => e.Unit is not null).GroupBy(e => e.Unit!).ToDictionary(g => g.Key, g => g.Count());

        double Average(string type) => Seed.Units.Wards.Where(w => w.Type == type).Average(w => perUnit.GetValueOrDefault(w.Code));

        Average("phường").Should().BeInRange(2 * Average("xã"), 4 * Average("xã"));
        Seed.Units.Wards.Should().OnlyContain(w => perUnit.ContainsKey(w.Code), "every ward has some traffic in a week");
    }

    [Fact]
    public void DossierChannelsMatchHanoisOnlineShares()
    {
        var received = week.Of<DossierReceived>().ToList();

        Share(received, r => r.Channel == DossierChannel.Online).Should().BeInRange(0.60, 0.70);
        Share(received, r => r.Channel == DossierChannel.Postal).Should().BeInRange(0.02, 0.04);
        Share(received.Where(r => r.Channel == DossierChannel.Online), r => r.FullProcessOnline).Should().BeInRange(0.30, 0.40);
        Share(received, r => r.OnDigitalPlatform).Should().BeInRange(0.97, 0.99);
        received.Select(r => r.DueAt - r.At).Should().OnlyContain(d => d >= TimeSpan.FromHours(4) && d <= TimeSpan.FromDays(15));
    }

    [Fact]
    public void BetweenThreeAndSixPercentOfCompletionsAreLate()
    {
        var completed = week.Of<DossierCompleted>().ToList();

        Share(completed, c => EventFolder.Classify(c.CompletedAt, c.DueAt) == Timeliness.Late).Should().BeInRange(0.03, 0.06);
        Share(completed, c => c.ResultDigitized).Should().BeInRange(0.87, 0.93);
        Share(completed, c => c.FeePaidOnline is null).Should().BeInRange(0.36, 0.44);
    }

    [Fact]
    public void CompletionsNeverPrecedeTheirReceiptAndSomeDossiersStayOverdue()
    {
        var receivedAt = week.Of<DossierReceived>().ToDictionary(r => r.DossierId, r => r.At);
        var completed = week.Of<DossierCompleted>().ToList();
        var completedIds = completed.Select(c => c.DossierId).ToHashSet();

        var ownCompletions = completed.Where(c => receivedAt.ContainsKey(c.DossierId)).ToList();
        var overdueAtEnd = week.Of<DossierReceived>().Count(r => !completedIds.Contains(r.DossierId) && r.DueAt < week.End);

        ownCompletions.Should().NotBeEmpty();
        ownCompletions.Should().OnlyContain(c => c.CompletedAt >= receivedAt[c.DossierId] && c.At == c.CompletedAt);
        completed.Should().Contain(c => !receivedAt.ContainsKey(c.DossierId), "a backlog from before the start completes too");
        overdueAtEnd.Should().BeGreaterThan(0);
    }

    [Fact]
    public void HotlineSurveysAndDocumentsLookLikeTheCitysReports()
    {
        var calls = week.Of<HotlineCall>().ToList();
        var offered = calls.Where(c => c.Answered || c.WaitSeconds >= EventFolder.ShortAbandonSeconds).ToList();
        var surveys = week.Of<SurveyResponse>().ToList();
        var documents = week.Of<DocumentProcessed>().ToList();

        Share(calls, c => c.Answered).Should().BeInRange(0.90, 0.94);
        Share(offered, c => c.Answered && c.WaitSeconds <= EventFolder.ServiceLevelSeconds).Should().BeInRange(0.75, 0.90);
        calls.Should().OnlyContain(c => c.Answered ? c.HandleSeconds >= 120 && c.HandleSeconds <= 600 : c.HandleSeconds == null);
        Share(surveys, s => s.Rating <= SatisfactionRating.Satisfied).Should().BeInRange(0.93, 0.97);
        Share(documents, d => d.Digital).Should().BeInRange(0.96, 0.995);
        Share(documents, d => d.SignedDigitally).Should().BeLessThan(Share(documents, d => d.Digital));
    }

    [Fact]
    public void AgenciesGetDocumentsAndOnlyTheServiceCenterGetsDossiersAndSurveys()
    {
        var agencyEvents = week.Events.Where(e => e.Agency is not null).ToList();

        agencyEvents.Should().OnlyContain(e => e.Unit == null);
        agencyEvents.OfType<DocumentProcessed>().Select(d => d.Agency).Distinct().Should().BeEquivalentTo(Seed.Units.Agencies.Select(a => a.Code));
        agencyEvents.Where(e => e is not DocumentProcessed).Select(e => e.Agency).Distinct().Should().Equal("TTPVHCC");
        agencyEvents.Should().Contain(e => e is DossierReceived).And.Contain(e => e is SurveyResponse);
    }

    [Fact]
    public void OpenWorkNeverExceedsTheCapOverWeeks()
    {
        var generator = new TrafficGenerator(Seed.Units, 5, eventsPerSecond: 0.05, maxOpenItems: 300);
        var parser = new EventParser(Seed.Units);
        var peak = 0;
        var events = new List<IocEvent>();

        for (var day = 0; day < 21; day++)
        {
            events.AddRange(generator.Generate(Monday9.AddDays(day), Monday9.AddDays(day + 1)));
            peak = Math.Max(peak, generator.OpenItems);
        }

        peak.Should().Be(300);
        var items = BatchReader.Read(EventJson.ToNdjson(events), ndjson: true, int.MaxValue);
        items.Select(i => parser.Parse(i, Monday9.AddDays(21)).Error).Should().OnlyContain(e => e == null);
        var late = Share(events.OfType<DossierCompleted>().ToList(), c => c.CompletedAt > c.DueAt);
        late.Should().BeInRange(0.03, 0.07, "work planned late is kept when the cap forces early completions");
    }

    [Fact]
    public void AWindowBeforeTheLastOneIsRefused()
    {
        var generator = new TrafficGenerator(Seed.Units, 1, eventsPerSecond: 1);
        generator.Generate(Monday9, Monday9.AddMinutes(10));

        var again = () => generator.Generate(Monday9.AddMinutes(5), Monday9.AddMinutes(15));

        again.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void WorkDueDuringAGapIsReportedAtTheStartOfTheNextWindow()
    {
        var generator = new TrafficGenerator(Seed.Units, 1, eventsPerSecond: 2);
        generator.Generate(Monday9, Monday9.AddHours(2));
        var resume = Monday9.AddDays(3);

        var events = generator.Generate(resume, resume.AddMinutes(1));

        events.Should().OnlyContain(e => e.At >= resume && e.At < resume.AddMinutes(1));
        events.OfType<DossierCompleted>().Should().Contain(c => c.CompletedAt < resume && c.At == resume);
    }

    private static double Share<T>(IEnumerable<T> items, Func<T, bool> predicate)
    {
        var list = items as IReadOnlyCollection<T> ?? items.ToList();
        return list.Count == 0 ? double.NaN : list.Count(predicate) / (double)list.Count;
    }

    private static string Describe(IocEvent e) => $"{e.Type} {e.Unit ?? e.Agency} {e.At:O}";
}
