using IOC.Live.Feed;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IOC.Live.Hub;

/// <summary>
/// Turns publisher ticks into hub messages: on each tick, each changed group's diff is computed once
/// (<see cref="UpdateCoalescer"/>) and posted to its members' outboxes, which send on their own (one in flight per
/// connection, pending updates merged). A group not yet due is flushed by a timer at its due time.
/// </summary>
public sealed class KpiBroadcaster(
    LiveKpis live,
    IHubContext<KpiHub> hub,
    IOptions<KpiHubOptions> options,
    TimeProvider time,
    ILogger<KpiBroadcaster> logger,
    IEnumerable<IHubFeed> feeds) : IHostedService, IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeSpan _stuckAfter = TimeSpan.FromSeconds(options.Value.StuckClientSeconds);
    private readonly UpdateCoalescer _coalescer =
        new(g => GroupViews.Read(g, live), time, TimeSpan.FromMilliseconds(options.Value.MinUpdateIntervalMilliseconds));
    private readonly HubMembership _members = new();
    private ITimer? _timer;
    private IDisposable? _subscription;
    private List<IDisposable> _feedSubscriptions = [];
    private long _dropped;

    /// <summary>Connections to the hub now (for the ioc.hub.connections metric).</summary>
    public int ConnectionCount
    {
        get
        {
            lock (_gate)
            {
                return _members.Connections.Count();
            }
        }
    }

    /// <summary>Connections aborted since start because they did not read in time or a send failed.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = time.CreateTimer(_ => Flush(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _subscription = live.Subscribe(OnTick);
        _feedSubscriptions = [.. feeds.Select(f => f.Subscribe(() => OnFeedChanged(f.Name)))];
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _feedSubscriptions.ForEach(s => s.Dispose());
        _subscription?.Dispose();
        _timer?.Dispose();
    }

    public void Connect(string connectionId, Action abort)
    {
        var outbox = new ConnectionOutbox(connectionId, (method, args, ct) => hub.Clients.Client(connectionId).SendCoreAsync(method, args, ct), time)
        {
            OnSendFailed = (o, ex) => Abort(o.ConnectionId, "a send failed", ex),
        };
        lock (_gate)
        {
            _members.Add(new HubMember(outbox, abort));
        }
    }

    public void Disconnect(string connectionId)
    {
        lock (_gate)
        {
            RemoveLocked(connectionId);
        }
    }

    /// <summary>Joins a group and queues its snapshot (the baseline its updates are diffed from); completes once written.</summary>
    public Task SubscribeAsync(string connectionId, HubGroup group)
    {
        lock (_gate)
        {
            var member = _members.Find(connectionId)
                ?? throw new HubException("This connection was dropped (it did not read its messages in time); reconnect and subscribe again.");
            var snapshot = _coalescer.Follow(group);
            _members.Join(member, group.Name);
            return member.Outbox.PostSnapshot(group.Name, snapshot);
        }
    }

    public void Unsubscribe(string connectionId, string group)
    {
        lock (_gate)
        {
            if (_members.Find(connectionId) is { } member)
            {
                member.Outbox.Drop(group);
                if (_members.Leave(member, group))
                {
                    _coalescer.Forget(group);
                }
            }
        }
    }

    public IReadOnlyList<ConnectionStats> Connections()
    {
        lock (_gate)
        {
            return [.. _members.Connections.Select(m =>
                new ConnectionStats(m.Outbox.ConnectionId, m.Groups.Count, m.Outbox.PendingCount, m.Outbox.SendingFor, m.Outbox.SentCount))];
        }
    }

    private void OnTick(LiveTick tick)
    {
        lock (_gate)
        {
            _coalescer.MarkChanged(tick.Changed);
            FlushLocked();
        }

        AbortStuck();
    }

    private void OnFeedChanged(string group)
    {
        lock (_gate)
        {
            _coalescer.MarkChanged(group);
            FlushLocked();
        }
    }

    private void Flush()
    {
        lock (_gate)
        {
            FlushLocked();
        }
    }

    private void FlushLocked()
    {
        foreach (var update in _coalescer.Flush())
        {
            foreach (var member in _members.MembersOf(update.Group))
            {
                member.Outbox.Post(update);
            }
        }

        if (_coalescer.NextDue is { } due)
        {
            _timer?.Change(TimeSpan.FromTicks(Math.Max(0, (due - time.GetUtcNow()).Ticks)), Timeout.InfiniteTimeSpan);
        }
    }

    private void AbortStuck()
    {
        List<string> stuck;
        lock (_gate)
        {
            stuck = [.. _members.Connections.Where(m => m.Outbox.SendingFor > _stuckAfter).Select(m => m.Outbox.ConnectionId)];
        }

        foreach (var id in stuck)
        {
            Abort(id, $"a send waited more than {_stuckAfter.TotalSeconds:0} s for the client to read", null);
        }
    }

    private void Abort(string connectionId, string reason, Exception? error)
    {
        HubMember? member;
        lock (_gate)
        {
            // Leave every group at once: SignalR only reports the disconnect after its close timeout (~5 s),
            // and a dying connection must neither hold groups nor get anything queued.
            member = RemoveLocked(connectionId);
        }

        if (member is not null)
        {
            Interlocked.Increment(ref _dropped);
            logger.LogWarning(error, "Hub connection {ConnectionId} aborted: {Reason}", connectionId, reason);
            member.Abort();
        }
    }

    private HubMember? RemoveLocked(string connectionId)
    {
        var (member, emptied) = _members.Remove(connectionId);
        member?.Outbox.Close();
        emptied.ForEach(_coalescer.Forget);
        return member;
    }
}
