using IOC.Domain.Units;
using IOC.Ingestion.Inbox;

namespace IOC.Ingestion.Tests.Inbox;

/// <summary>
/// A real inbox whose next append can be held until the test releases it (so the requests sent meanwhile queue and
/// form a group) or made to fail (a commit that fails: nothing is stored). Counts appends (one per transaction).
/// </summary>
internal sealed class HeldInbox(IInbox inner) : IInbox
{
    private readonly SemaphoreSlim _entered = new(0);
    private TaskCompletionSource? _hold;
    private int _appends;
    private Exception? _failNext;

    public bool Shared => inner.Shared;

    public string Path => inner.Path;

    public int Appends => Volatile.Read(ref _appends);

    /// <summary>The next append to start fails with this exception, before anything is stored.</summary>
    public void FailNext(Exception failure) => _failNext = failure;

    /// <summary>Holds the next append until <see cref="Release"/>.</summary>
    public void HoldNext() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Waits until an append is held (the writer is busy; what comes now queues).</summary>
    public Task<bool> WaitUntilHeldAsync() => _entered.WaitAsync(TimeSpan.FromSeconds(10));

    public void Release() => _hold?.TrySetResult();

    public long[] AppendReturningSeqs(IReadOnlyList<InboxItem> items)
    {
        Interlocked.Increment(ref _appends);

        // Decided on entry: an append held now and a failure set meanwhile is for the next append.
        var failure = Interlocked.Exchange(ref _failNext, null);
        if (Interlocked.Exchange(ref _hold, null) is { } hold)
        {
            _entered.Release();
            hold.Task.Wait(TimeSpan.FromSeconds(10));
        }

        if (failure is not null)
        {
            throw failure;
        }

        return inner.AppendReturningSeqs(items);
    }

    public long Count() => inner.Count();

    public long LastSeq() => inner.LastSeq();

    public IEnumerable<IReadOnlyList<InboxRecord>> ReadKeyAfter(
        UnitKey key, long afterSeq, long throughSeq = long.MaxValue, int pageSize = 5000, IReadOnlyCollection<string>? directAgencies = null) =>
        inner.ReadKeyAfter(key, afterSeq, throughSeq, pageSize, directAgencies);

    public InboxRecord? Read(long seq) => inner.Read(seq);
}
