using System.Text;
using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.Grains.Fold;
using IOC.Ingestion.Parsing;
using IOC.Tests.Shared;
using Microsoft.Extensions.Time.Testing;
using static IOC.Ingestion.Tests.SampleEvents;

namespace IOC.Ingestion.Tests;

/// <summary>The whole way in: a real SQLite inbox in a temp folder and an Orleans silo with the grains, on a fake clock.</summary>
public sealed class IngestionServiceTests : IAsyncLifetime
{
    private static readonly UnitKey CuaNam = new(UnitLevel.Ward, "00082");

    private readonly IngestionPipeline _pipeline = new(new FakeTimeProvider(Now.ToUniversalTime()));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _pipeline.DisposeAsync().AsTask();

    [Fact]
    public async Task ValidItemsAreKeptWhileInvalidOnesAreRejectedWithIndexIdFieldAndReason()
    {
        var (service, publisher, inbox, _) = await _pipeline.StartAsync();
        var body = Array(
            Valid("dossier.received", "e0"),
            Valid("hotline.call", "e1").With("unit", "99999"),
            Valid("hotline.call", "e2"),
            Valid("dossier.completed", "e3").Without("dueAt"),
            Valid("document.processed", "e4").With("digital", false));

        var result = await service.IngestAsync(body, ndjson: false);

        result.Accepted.Should().Be(2);
        result.Duplicates.Should().Be(0);
        result.Rejected.Should().Equal(
            new ItemError(1, "e1", "unit", "unknown unit code '99999'"),
            new ItemError(3, "e3", "dueAt", "is required"),
            new ItemError(4, "e4", "signedDigitally", "a digitally signed document is processed digitally; 'digital' must be true"));
        inbox.ReadKeyAfter(CuaNam, 0).SelectMany(p => p).Select(r => r.Id).Should().Equal("e0", "e2");
        (await publisher.City())[KpiWindow.Today][Counter.DossiersReceived].Should().Be(1);
        (await publisher.City())[KpiWindow.Today][Counter.CallsAnswered].Should().Be(1);
        (await publisher.City())[KpiWindow.Today][Counter.DossiersCompleted].Should().Be(0);
        service.Stats.Should().Match<InboxStats>(s => s.StoredEvents == 2 && s.Rejected == 3 && s.Duplicates == 0);
    }

    [Fact]
    public async Task ARetriedBatchIsAllDuplicatesAndCountsNothingTwice()
    {
        var (service, publisher, inbox, _) = await _pipeline.StartAsync();
        var body = Ndjson(
            Received("r1", "D-1", "2025-07-02T08:00:00+07:00"),
            Completed("c1", "D-1", "2025-07-02T08:30:00+07:00"),
            Valid("hotline.call", "h1"));

        var first = await service.IngestAsync(body, ndjson: true);
        var retry = await service.IngestAsync(body, ndjson: true);

        (first.Accepted, first.Duplicates).Should().Be((3, 0));
        (retry.Accepted, retry.Duplicates).Should().Be((0, 3));
        retry.Rejected.Should().BeEmpty();
        inbox.Count().Should().Be(3);
        var today = (await publisher.Get(CuaNam))[KpiWindow.Today];
        (today[Counter.DossiersReceived], today[Counter.DossiersCompleted], today[Counter.CallsOffered]).Should().Be((1L, 1L, 1L));
        (await publisher.City()).Gauges.OpenDossiers.Should().Be(0);
        service.Stats.Should().Match<InboxStats>(s => s.StoredEvents == 3 && s.Duplicates == 3);
    }

    [Fact]
    public async Task ARepeatedIdInsideOneBatchIsStoredAndCountedOnce()
    {
        var (service, publisher, _, _) = await _pipeline.StartAsync();
        var body = Array(Valid("hotline.call", "h1"), Valid("hotline.call", "h1").With("answered", false));

        var result = await service.IngestAsync(body, ndjson: false);

        (result.Accepted, result.Duplicates).Should().Be((1, 1));
        (await publisher.City())[KpiWindow.Today][Counter.CallsAnswered].Should().Be(1);
        (await publisher.City())[KpiWindow.Today][Counter.CallsAbandoned].Should().Be(0);
    }

    [Fact]
    public async Task ACompletionBeforeTheReceiptInTheSameBatchIsRejected()
    {
        var (service, publisher, inbox, _) = await _pipeline.StartAsync();
        var body = Array(
            Received("r1", "D-1", "2025-07-02T08:00:00+07:00"),
            Completed("c1", "D-1", "2025-07-02T07:59:00+07:00"));

        var result = await service.IngestAsync(body, ndjson: false);

        result.Accepted.Should().Be(1);
        result.Rejected.Should().ContainSingle().Which.Should().Match<ItemError>(e =>
            e.Index == 1 && e.Id == "c1" && e.Field == "completedAt" && e.Reason.StartsWith("is before the dossier was received"));
        inbox.Count().Should().Be(1);
        (await publisher.City()).Gauges.OpenDossiers.Should().Be(1);
    }

    [Fact]
    public async Task ACompletionBeforeTheReceiptOfAnEarlierBatchIsRejected()
    {
        var (service, publisher, _, _) = await _pipeline.StartAsync();
        await service.IngestAsync(Array(Received("r1", "D-1", "2025-07-02T08:00:00+07:00")), ndjson: false);

        var early = await service.IngestAsync(Array(Completed("c1", "D-1", "2025-07-02T00:01:00Z")), ndjson: false);
        var onTime = await service.IngestAsync(Array(Completed("c2", "D-1", "2025-07-02T01:00:00Z")), ndjson: false);

        early.Rejected.Should().ContainSingle().Which.Should().Match<ItemError>(e => e.Index == 0 && e.Id == "c1" && e.Field == "completedAt");
        (onTime.Accepted, onTime.Rejected.Count).Should().Be((1, 0));
        (await publisher.City())[KpiWindow.Today][Counter.DossiersCompleted].Should().Be(1);
        (await publisher.City()).Gauges.OpenDossiers.Should().Be(0);
    }

    [Fact]
    public async Task ABodyOverMaxBodyBytesIsTooLargeAndNothingIsStored()
    {
        var (service, publisher, inbox, _) = await _pipeline.StartAsync(new IngestionOptions { MaxBodyBytes = 200 });
        var body = Array(Valid("hotline.call", "h1"), Valid("hotline.call", "h2"));

        var rejection = await Record.ExceptionAsync(() => service.IngestAsync(body, ndjson: false));

        body.Length.Should().BeGreaterThan(200);
        rejection.Should().BeOfType<BatchRejectedException>().Which.Kind.Should().Be(BatchRejection.TooLarge);
        inbox.Count().Should().Be(0);
        (await publisher.City())[KpiWindow.Today].IsZero.Should().BeTrue();
    }

    [Fact]
    public async Task ABodyAtMaxBodyBytesIsRead()
    {
        var body = Array(Valid("hotline.call", "h1"));
        var (service, _, inbox, _) = await _pipeline.StartAsync(new IngestionOptions { MaxBodyBytes = body.Length });

        var result = await service.IngestAsync(body, ndjson: false);

        result.Accepted.Should().Be(1);
        inbox.Count().Should().Be(1);
    }

    [Fact]
    public async Task TooManyEventsOrAnUnreadableBodyStoreNothing()
    {
        var (service, _, inbox, _) = await _pipeline.StartAsync(new IngestionOptions { MaxEventsPerRequest = 2 });
        var tooMany = Ndjson(Valid("hotline.call", "h1"), Valid("hotline.call", "h2"), Valid("hotline.call", "h3"));
        var unreadable = Encoding.UTF8.GetBytes("{\"id\":\"h4\"}\n{oops\n");

        var tooManyRejection = await Record.ExceptionAsync(() => service.IngestAsync(tooMany, ndjson: true));
        var unreadableRejection = await Record.ExceptionAsync(() => service.IngestAsync(unreadable, ndjson: true));

        tooManyRejection.Should().BeOfType<BatchRejectedException>().Which.Kind.Should().Be(BatchRejection.TooLarge);
        unreadableRejection.Should().BeOfType<BatchRejectedException>().Which.Should().Match<BatchRejectedException>(
            e => e.Kind == BatchRejection.Unreadable && e.Message.StartsWith("Line 2 "));
        inbox.Count().Should().Be(0);
    }

    [Fact]
    public async Task RecoveringAReopenedInboxRebuildsTheSameKpis()
    {
        var (service, publisher, inbox, _) = await _pipeline.StartAsync();
        await service.IngestAsync(Array(
            Received("r1", "D-1", "2025-07-02T08:00:00+07:00"),
            Received("r2", "D-2", "2025-07-02T08:10:00+07:00", dueAt: "2025-07-02T08:50:00+07:00"),
            Received("r3", "D-3", "2025-07-01T10:00:00+07:00").With("unit", "00070").With("agency", "TTPVHCC"),
            Valid("hotline.call", "h1"),
            Valid("hotline.call", "h2").With("answered", false).With("waitSeconds", 3),
            Valid("survey.response", "s1").With("rating", "neutral"),
            Valid("document.processed", "p1")), ndjson: false);
        await service.IngestAsync(Ndjson(
            Completed("c1", "D-1", "2025-07-02T08:40:00+07:00"),
            Valid("hotline.ticket.opened", "t1").With("dueAt", "2025-07-02T08:00:00+07:00").With("at", "2025-07-01T08:00:00+07:00"),
            Valid("document.processed", "p2").With("unit", "00004").With("signedDigitally", false)), ndjson: true);
        var keys = new[] { UnitKey.City, CuaNam, new UnitKey(UnitLevel.Ward, "00070"), new UnitKey(UnitLevel.Ward, "00004"), new UnitKey(UnitLevel.Agency, "TTPVHCC"), new UnitKey(UnitLevel.Agency, "VPTU") };
        var before = await Figures(publisher, keys);
        inbox.Dispose();
        service.Dispose();

        var second = await _pipeline.StartAsync();
        var republisher = second.Figures;
        await second.WarmAsync();

        (await Figures(republisher, keys)).Should().Equal(before);
        second.Tail.EventsRead.Should().Be(13, "each event is read back by each grain it concerns: 10 events, 2 of them also by an agency, 1 by the direct work");
        second.Tail.EventsSkipped.Should().Be(0);
        (await republisher.City())[KpiWindow.Today][Counter.DossiersReceived].Should().Be(2);
        (await republisher.City())[KpiWindow.MonthToDate][Counter.DossiersReceived].Should().Be(3);
        (await republisher.City())[KpiWindow.Today][Counter.DocumentsProcessed].Should().Be(2);
        (await republisher.City()).Gauges.Should().Be(new Gauges(OpenDossiers: 2, OverdueDossiers: 1, DueSoonDossiers: 0, OpenTickets: 1, OverdueTickets: 1));
    }

    [Fact]
    public async Task AfterRecoveryRetriesAreDuplicatesAndTheLedgerStillJudgesCompletions()
    {
        var (service, _, inbox, _) = await _pipeline.StartAsync();
        var first = Array(Received("r1", "D-1", "2025-07-02T08:00:00+07:00"));
        await service.IngestAsync(first, ndjson: false);
        inbox.Dispose();
        service.Dispose();

        var second = await _pipeline.StartAsync();
        var (restarted, republisher) = (second.Ingestion, second.Figures);
        await second.WarmAsync();
        var retry = await restarted.IngestAsync(first, ndjson: false);
        var early = await restarted.IngestAsync(Array(Completed("c1", "D-1", "2025-07-02T07:00:00+07:00")), ndjson: false);

        (retry.Accepted, retry.Duplicates).Should().Be((0, 1));
        early.Rejected.Should().ContainSingle().Which.Field.Should().Be("completedAt");
        restarted.Stats.StoredEvents.Should().Be(1);
        (await republisher.City())[KpiWindow.Today][Counter.DossiersReceived].Should().Be(1);
    }

    /// <summary>Every counter of every window and the gauges of each unit, as plain numbers that compare by value.</summary>
    private static async Task<List<string>> Figures(IngestionPipeline.Figures grains, IEnumerable<UnitKey> keys)
    {
        var figures = new List<string>();
        foreach (var key in keys)
        {
            var snapshot = await grains.Get(key);
            foreach (var window in KpiWindows.All)
            {
                var counters = snapshot[window];
                figures.Add($"{key} {window.ToWire()} {string.Join(",", Enum.GetValues<Counter>().Select(c => counters[c]))}");
            }

            figures.Add($"{key} gauges {snapshot.Gauges}");
        }

        return figures;
    }
}
