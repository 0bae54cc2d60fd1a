using IOC.Domain.Events;
using IOC.Domain.Units;
using IOC.Grains.Grains;
using IOC.Grains.State;

namespace IOC.Grains.Routing;

/// <summary>Routes each event to the one shard that owns its ward (and the one that owns its agency).</summary>
public sealed class GrainRouter : IAsyncDisposable
{
    private readonly Shard[] _shards;
    private readonly Task[] _loops;

    // A batch is posted to all its shards, or a collect to all shards, never both at once: every collect then
    // sees each batch whole or not at all, on every shard, which makes its cut of the inbox exact.
    private readonly SemaphoreSlim _postGate = new(1, 1);

    public GrainRouter(GrainOptions options)
    {
        Map = new ShardMap(options.Shards);
        _shards = Enumerable.Range(0, Map.Count).Select(i => new Shard(i, Map, options.ShardQueueCapacity)).ToArray();
        _loops = _shards.Select(s => Task.Run(s.RunAsync)).ToArray();
    }

    public ShardMap Map { get; }

    public IReadOnlyList<Shard> Shards => _shards;

    /// <summary>Which inbox batches are posted: the source of each collect's <see cref="FoldCut"/>.</summary>
    public PostedSeqs Seqs { get; } = new();

    /// <summary>Enqueues a batch in order; returns once every owning shard has it queued (not yet folded).</summary>
    public ValueTask PostAsync(IReadOnlyList<IocEvent> events, CancellationToken cancellationToken = default) =>
        PostAsync(events, null, cancellationToken);

    /// <summary>
    /// Enqueues a batch of inbox events registered with <see cref="Seqs"/>; once every owning shard has it queued,
    /// the next collect includes it in its cut.
    /// </summary>
    public async ValueTask PostAsync(IReadOnlyList<IocEvent> events, PostedSeqs.Ticket? ticket, CancellationToken cancellationToken = default)
    {
        await _postGate.WaitAsync(cancellationToken);
        try
        {
            await PostSlicesAsync(events, cancellationToken);
            if (ticket is not null)
            {
                Seqs.Posted(ticket);
            }
        }
        finally
        {
            _postGate.Release();
        }
    }

    /// <summary>Asks every shard for its changes; the answer says exactly which inbox events they include.</summary>
    public async Task<ShardCollection> CollectAsync(DateTimeOffset now, bool everything, CancellationToken cancellationToken = default)
    {
        var replies = new Task<ShardReport>[_shards.Length];
        FoldCut cut;
        await _postGate.WaitAsync(cancellationToken);
        try
        {
            cut = Seqs.Cut();
            for (var i = 0; i < _shards.Length; i++)
            {
                var reply = new TaskCompletionSource<ShardReport>(TaskCreationOptions.RunContinuationsAsynchronously);
                await _shards[i].PostAsync(new CollectChanges(now, everything, reply), CancellationToken.None);
                replies[i] = reply.Task;
            }
        }
        finally
        {
            _postGate.Release();
        }

        return new ShardCollection(await Task.WhenAll(replies), cut);
    }

    /// <summary>Creates the grains a restart restores (wards and agencies; the city lives in the publisher).</summary>
    public async Task RestoreAsync(IEnumerable<(UnitKey Key, RestoredState State)> grains, CancellationToken cancellationToken = default)
    {
        var waits = new List<Task>();
        foreach (var group in grains.GroupBy(g => Map.ShardOf(g.Key)))
        {
            var reply = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await _shards[group.Key].PostAsync(new RestoreGrains(group.ToList(), reply), cancellationToken);
            waits.Add(reply.Task);
        }

        await Task.WhenAll(waits);
    }

    private async ValueTask PostSlicesAsync(IReadOnlyList<IocEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        var slices = new List<IocEvent>?[_shards.Length];
        foreach (var e in events)
        {
            var wardShard = -1;
            if (e.Unit is { } ward)
            {
                wardShard = Map.ShardOf(new UnitKey(UnitLevel.Ward, ward));
                (slices[wardShard] ??= new List<IocEvent>(events.Count / _shards.Length + 16)).Add(e);
            }

            if (e.Agency is { } agency)
            {
                var agencyShard = Map.ShardOf(new UnitKey(UnitLevel.Agency, agency));
                if (agencyShard != wardShard)
                {
                    (slices[agencyShard] ??= new List<IocEvent>()).Add(e);
                }
            }
        }

        for (var i = 0; i < _shards.Length; i++)
        {
            if (slices[i] is { } slice)
            {
                await _shards[i].PostAsync(new DeliverEvents(slice), cancellationToken);
            }
        }
    }

    /// <summary>Reads one grain on its own shard loop, after every event already queued for it.</summary>
    public Task<T> InspectAsync<T>(UnitKey key, Func<UnitGrain?, T> look, CancellationToken cancellationToken = default) =>
        InspectShardAsync(Map.ShardOf(key), directory => look(directory.Find(key)), cancellationToken);

    /// <summary>
    /// The open dossiers and tickets whose ids pass <paramref name="idFilter"/>, per grain that has any, ordered by key.
    /// Each shard copies its own on its loop, after every event already queued for it; the filter runs on several
    /// shard loops at once, so it must be thread-safe. An item naming a ward and an agency is listed under both.
    /// </summary>
    public async Task<IReadOnlyList<OpenWork>> OpenWorkAsync(Func<string, bool> idFilter, CancellationToken cancellationToken = default)
    {
        var looks = new Task<List<OpenWork>>[_shards.Length];
        for (var i = 0; i < _shards.Length; i++)
        {
            looks[i] = InspectShardAsync(i, directory => OpenWork.Of(directory.All, idFilter), cancellationToken);
        }

        var work = (await Task.WhenAll(looks)).SelectMany(w => w).ToList();
        work.Sort((a, b) => a.Key.Level != b.Key.Level ? a.Key.Level.CompareTo(b.Key.Level) : string.CompareOrdinal(a.Key.Code, b.Key.Code));
        return work;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var shard in _shards)
        {
            shard.Complete();
        }

        await Task.WhenAll(_loops);
        _postGate.Dispose();
    }

    /// <summary>Runs <paramref name="look"/> on one shard's loop; its result or exception comes back to the caller.</summary>
    private async Task<T> InspectShardAsync<T>(int shard, Func<IGrainDirectory, T> look, CancellationToken cancellationToken)
    {
        var reply = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _shards[shard].PostAsync(
            new InspectGrains(directory =>
            {
                try
                {
                    reply.TrySetResult(look(directory));
                }
                catch (Exception ex)
                {
                    reply.TrySetException(ex);
                }
            }),
            cancellationToken);
        return await reply.Task;
    }
}

public sealed class GrainOptions
{
    /// <summary>Shard loops; about one per core.</summary>
    public int Shards { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Messages a shard may hold before producers wait (each message is a slice of a batch).</summary>
    public int ShardQueueCapacity { get; set; } = 1024;

    /// <summary>How often snapshots are published (ms).</summary>
    public int TickMilliseconds { get; set; } = 250;
}
