using IOC.Domain.Units;
using IOC.Ingestion.Inbox;
using IOC.Grains.Ports;
using IOC.Tests.Shared;
using IOC.Tests.Silo;
using Microsoft.Extensions.Time.Testing;

namespace IOC.Ingestion.Tests.Inbox;

/// <summary>The inbox's last number as the units' catch-ups ask for it: one read answers them all for a moment.</summary>
public sealed class InboxTailTests : IDisposable
{
    private readonly TempFolder _folder = new("ioc-ingestion-");
    private readonly FakeTimeProvider _clock = new(SampleEvents.Now);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task UnitsAskingTogetherShareOneReadOfTheLastNumber()
    {
        using var inbox = new SqliteInbox(_folder.File("inbox.db"));
        inbox.Append([Item("a"), Item("b")]);
        var tail = Tail(inbox);

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => tail.LastSeqAsync(CancellationToken.None)));

        answers.Should().AllBeEquivalentTo(2L);
        tail.LastSeqReads.Should().Be(1);
    }

    [Fact]
    public async Task ANumberReadAMomentAgoAnswersAndAFreshOneIsReadOnceThatMomentHasPassed()
    {
        using var inbox = new SqliteInbox(_folder.File("inbox.db"));
        inbox.Append([Item("a")]);
        var tail = Tail(inbox);
        (await tail.LastSeqAsync(CancellationToken.None)).Should().Be(1);

        inbox.Append([Item("b"), Item("c")]);
        _clock.Advance(InboxTail.LastSeqSharedFor - TimeSpan.FromMilliseconds(1));
        var shared = await tail.LastSeqAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var fresh = await tail.LastSeqAsync(CancellationToken.None);

        shared.Should().Be(1, "a number read less than a moment ago still answers: everything up to it is committed");
        fresh.Should().Be(3);
        tail.LastSeqReads.Should().Be(2);
    }

    [Fact]
    public async Task AFailedReadIsNotSharedTheNextUnitReadsAgain()
    {
        using var real = new SqliteInbox(_folder.File("inbox.db"));
        real.Append([Item("a")]);
        var inbox = new FailingLastSeq(real) { Failing = true };
        var tail = Tail(inbox);

        var failed = () => tail.LastSeqAsync(CancellationToken.None);
        await failed.Should().ThrowAsync<InvalidOperationException>();
        inbox.Failing = false;

        (await tail.LastSeqAsync(CancellationToken.None)).Should().Be(1);
        tail.LastSeqReads.Should().Be(2);
    }

    private InboxTail Tail(IInbox inbox) => new(inbox, Seed.Units, new Quarantine(new MemoryQuarantine(), _clock), _clock);

    private static InboxItem Item(string id) => new(id, $"{{{id}}}", "00082", null);

    /// <summary>A real inbox whose last-number read fails while <see cref="Failing"/> (the store is down).</summary>
    private sealed class FailingLastSeq(IInbox inner) : IInbox
    {
        public bool Failing { get; set; }

        public bool Shared => inner.Shared;

        public string Path => inner.Path;

        public long LastSeq() => Failing ? throw new InvalidOperationException("the store is down") : inner.LastSeq();

        public long[] AppendReturningSeqs(IReadOnlyList<InboxItem> items) => inner.AppendReturningSeqs(items);

        public long Count() => inner.Count();

        public IEnumerable<IReadOnlyList<InboxRecord>> ReadKeyAfter(
            UnitKey key, long afterSeq, long throughSeq = long.MaxValue, int pageSize = 5000, IReadOnlyCollection<string>? directAgencies = null) =>
            inner.ReadKeyAfter(key, afterSeq, throughSeq, pageSize, directAgencies);

        public InboxRecord? Read(long seq) => inner.Read(seq);
    }
}
