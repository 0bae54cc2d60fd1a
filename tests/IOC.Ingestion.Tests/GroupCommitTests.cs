using System.Text.Json.Nodes;
using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.Ingestion.Inbox;
using IOC.Ingestion.Parsing;
using IOC.Ingestion.Tests.Inbox;
using Microsoft.Extensions.Time.Testing;
using static IOC.Ingestion.Tests.SampleEvents;

namespace IOC.Ingestion.Tests;

/// <summary>
/// Group commit (docs/architecture.md, "Ingestion"): requests that arrive while the inbox is busy are committed together,
/// and each still gets exactly the answer it would have got alone, in queue order. The inbox's first append is held so
/// that the requests sent meanwhile queue behind it: a group forms whatever the machine's speed.
/// </summary>
public sealed class GroupCommitTests : IAsyncLifetime
{
    private static readonly UnitKey CuaNam = new(UnitLevel.Ward, "00082");

    private readonly IngestionPipeline _pipeline = new(new FakeTimeProvider(Now.ToUniversalTime()));
    private HeldInbox _held = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _pipeline.DisposeAsync().AsTask();

    [Fact]
    public async Task RequestsQueuedBehindACommitShareOneCommitAndEachGetsItsOwnAcceptedAndDuplicates()
    {
        var (service, figures, inbox, _) = await StartHeldAsync();
        var busy = await HoldTheWriterAsync(service);

        // 30 requests of 40 calls; each repeats the last 20 ids of the one before it, and the second one repeats an id
        // of its own.
        var bodies = Enumerable.Range(0, 30).Select(r => Calls(Enumerable.Range(r * 20, 40).Select(i => $"c{i}"))).ToList();
        bodies[1] = Calls(Enumerable.Range(20, 40).Select(i => $"c{i}").Append("c59"));
        var requests = bodies.Select(b => service.IngestAsync(b, ndjson: true)).ToList();
        _held.Release();
        var results = await Task.WhenAll(requests);
        await busy;

        results.Select(r => (r.Accepted, r.Duplicates)).Should().Equal(
            new[] { (40, 0), (20, 21) }.Concat(Enumerable.Repeat((20, 20), 28)));
        results.Should().OnlyContain(r => r.Rejected.Count == 0);
        _held.Appends.Should().Be(2, "the held request's commit, then one for all 30 queued behind it");
        service.Stats.Commits.Should().Be(2);
        inbox.Count().Should().Be(1 + 620);
        (await figures.Get(CuaNam))[KpiWindow.Today][Counter.CallsAnswered].Should().Be(621);
        (await figures.City())[KpiWindow.Today][Counter.CallsAnswered].Should().Be(621);
    }

    [Fact]
    public async Task ManyConcurrentRequestsWithOverlappingIdsCountEveryIdOnceInTheInboxTheAnswersAndTheGrains()
    {
        var (service, figures, inbox, _) = await StartHeldAsync();
        var random = new Random(42);
        var bodies = Enumerable.Range(0, 64).Select(_ => Enumerable.Range(0, 50).Select(_ => $"c{random.Next(800)}").ToList()).ToList();
        var distinct = bodies.SelectMany(b => b).Distinct().Count();

        var results = await Task.WhenAll(bodies.Select(ids => Task.Run(() => service.IngestAsync(Calls(ids), ndjson: true))));

        results.Sum(r => r.Accepted).Should().Be(distinct);
        results.Should().OnlyContain(r => r.Accepted + r.Duplicates == 50 && r.Rejected.Count == 0);
        inbox.Count().Should().Be(distinct);
        service.Stats.Should().Match<InboxStats>(s => s.StoredEvents == distinct && s.Duplicates == (64 * 50) - distinct);
        (await figures.City())[KpiWindow.Today][Counter.CallsAnswered].Should().Be(distinct);
    }

    [Fact]
    public async Task BadItemsOfOneRequestInAGroupAreRejectedForThatRequestAloneWithTheirOwnIndexes()
    {
        var (service, figures, inbox, _) = await StartHeldAsync();
        var busy = await HoldTheWriterAsync(service);

        var before = service.IngestAsync(Calls(["a1", "a2", "a3"]), ndjson: true);
        var bad = service.IngestAsync(Ndjson(
            Valid("hotline.call", "b0"),
            Valid("hotline.call", "b1").With("unit", "99999"),
            Received("b2", "D-7", "2025-07-02T08:00:00+07:00"),
            Completed("b3", "D-7", "2025-07-02T07:59:00+07:00"),
            Valid("dossier.completed", "b4").Without("dueAt")), ndjson: true);
        var after = service.IngestAsync(Calls(["c1", "c2"]), ndjson: true);
        _held.Release();
        await busy;

        ((await before).Accepted, (await after).Accepted).Should().Be((3, 2));
        (await before).Rejected.Should().BeEmpty();
        (await after).Rejected.Should().BeEmpty();
        var result = await bad;
        (result.Accepted, result.Duplicates).Should().Be((2, 0));
        result.Rejected.Select(e => (e.Index, e.Id, e.Field)).Should().Equal((1, "b1", "unit"), (3, "b3", "completedAt"), (4, "b4", "dueAt"));
        _held.Appends.Should().Be(2);
        inbox.ReadKeyAfter(CuaNam, 0).SelectMany(p => p).Select(r => r.Id).Should().Equal("warm", "a1", "a2", "a3", "b0", "b2", "c1", "c2");
        var today = (await figures.Get(CuaNam))[KpiWindow.Today];
        (today[Counter.CallsAnswered], today[Counter.DossiersReceived], today[Counter.DossiersCompleted]).Should().Be((7L, 1L, 0L));
    }

    [Fact]
    public async Task ACompletionQueuedAfterTheReceiptOfItsDossierIsCheckedAgainstItAsIfCommittedOneAfterTheOther()
    {
        var (service, figures, _, _) = await StartHeldAsync();
        var busy = await HoldTheWriterAsync(service);

        var received = service.IngestAsync(Array(Received("r1", "D-9", "2025-07-02T08:00:00+07:00")), ndjson: false);
        var early = service.IngestAsync(Array(Completed("c1", "D-9", "2025-07-02T07:00:00+07:00")), ndjson: false);
        var onTime = service.IngestAsync(Array(Completed("c2", "D-9", "2025-07-02T08:30:00+07:00")), ndjson: false);
        _held.Release();
        await busy;

        (await received).Accepted.Should().Be(1);
        (await early).Rejected.Should().ContainSingle().Which.Should().Match<ItemError>(e =>
            e.Id == "c1" && e.Field == "completedAt" && e.Reason.StartsWith("is before the dossier was received"));
        ((await onTime).Accepted, (await onTime).Rejected.Count).Should().Be((1, 0));
        (await figures.Get(CuaNam))[KpiWindow.Today][Counter.DossiersCompleted].Should().Be(1);
        (await figures.Get(CuaNam)).Gauges.OpenDossiers.Should().Be(0);
    }

    [Fact]
    public async Task AFailedGroupCommitFailsEveryRequestInItAndAcknowledgesNothingOfThem()
    {
        var (service, figures, inbox, _) = await StartHeldAsync();
        var busy = await HoldTheWriterAsync(service);
        var failure = new InboxUnavailableException("test store", new IOException("disk gone"));
        _held.FailNext(failure);

        var group = new[] { Calls(["f1", "f2"]), Calls(["f3"]), Calls(["f4", "f5", "f6"]) }
            .Select(b => service.IngestAsync(b, ndjson: true)).ToList();
        _held.Release();
        await busy;
        var answers = await Task.WhenAll(group.Select(t => Record.ExceptionAsync(() => t)));
        var next = await service.IngestAsync(Calls(["f1", "n1"]), ndjson: true);

        answers.Should().OnlyContain(e => ReferenceEquals(e, failure));
        _held.Appends.Should().Be(3, "the held commit, the failed group, the request after it");
        (next.Accepted, next.Duplicates).Should().Be((2, 0), "nothing of the failed group was stored");
        inbox.ReadKeyAfter(CuaNam, 0).SelectMany(p => p).Select(r => r.Id).Should().Equal("warm", "f1", "n1");
        service.Stats.StoredEvents.Should().Be(3);
        (await figures.City())[KpiWindow.Today][Counter.CallsAnswered].Should().Be(3);
    }

    [Fact]
    public async Task ARequestBeyondTheQueueBoundIsRefusedAndNothingOfItIsKept()
    {
        var (service, figures, inbox, _) = await StartHeldAsync(new IngestionOptions { MaxQueuedEvents = 10 });
        var busy = await HoldTheWriterAsync(service);

        var queued = service.IngestAsync(Calls(Enumerable.Range(0, 8).Select(i => $"q{i}")), ndjson: true);
        var refused = await Record.ExceptionAsync(() => service.IngestAsync(Calls(Enumerable.Range(0, 5).Select(i => $"x{i}")), ndjson: true));
        _held.Release();
        await busy;

        refused.Should().BeOfType<IngestionBusyException>().Which.Message.Should().Contain("Ingestion:MaxQueuedEvents = 10");
        (await queued).Accepted.Should().Be(8);
        inbox.Count().Should().Be(9);
        (await figures.City())[KpiWindow.Today][Counter.CallsAnswered].Should().Be(9);
    }

    private async Task<IngestionPipeline.Started> StartHeldAsync(IngestionOptions? options = null) =>
        await _pipeline.StartAsync(options, writeThrough: inbox => _held = new HeldInbox(inbox));

    /// <summary>Sends one call whose commit is held: what is sent until <see cref="HeldInbox.Release"/> queues behind it.</summary>
    /// <returns>The held request's answer, to await once released.</returns>
    private async Task<Task<IngestResult>> HoldTheWriterAsync(IngestionService service)
    {
        _held.HoldNext();
        var busy = service.IngestAsync(Calls(["warm"]), ndjson: true);
        (await _held.WaitUntilHeldAsync()).Should().BeTrue("the first commit is held");
        return busy;
    }

    private static byte[] Calls(IEnumerable<string> ids) => Ndjson([.. ids.Select(id => (JsonNode)Valid("hotline.call", id))]);
}
