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
public sealed class KpiBroadcaster : IHostedService, IDisposable
{
    private readonly Lock _gate = new();
    private readonly LiveKpis _live;
    private readonly IHubContext<KpiHub> _hub;
    private readonly TimeProvider _time;
    private readonly ILogger<KpiBroadcaster> _logger;
    private readonly TimeSpan _stuckAfter;
    private readonly UpdateCoalescer _coalescer;
    private readonly Dictionary<string, HubMember> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<HubMember>> _groups = new(StringComparer.Ordinal);
    private ITimer? _timer;
    private IDisposable? _subscription;

    public KpiBroadcaster(LiveKpis live, IHubContext<KpiHub> hub, IOptions<KpiHubOptions> options, TimeProvider time, ILogger<KpiBroadcaster> logger)
    {
        _live = live;
        _hub = hub;
        _time = time;
        _logger = logger;
        _stuckAfter = TimeSpan.FromSeconds(options.Value.StuckClientSeconds);
        _coalescer = new UpdateCoalescer(g => GroupViews.Read(g, live), time, TimeSpan.FromMilliseconds(options.Value.MinUpdateIntervalMilliseconds));
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = _time.CreateTimer(_ => Flush(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _subscription = _live.Subscribe(OnTick);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _timer?.Dispose();
    }

    public void Connect(string connectionId, Action abort)
    {
        var outbox = new ConnectionOutbox(connectionId, (method, args, ct) => _hub.Clients.Client(connectionId).SendCoreAsync(method, args, ct), _time)
        {
            OnSendFailed = (o, ex) => Abort(o.ConnectionId, "a send failed", ex),
        };
        lock (_gate)
        {
            _connections[connectionId] = new HubMember(outbox, abort);
        }
    }

    public void Disconnect(string connectionId)
    {
        lock (_gate)
        {
            if (!_connections.Remove(connectionId, out var member))
            {
                return;
            }

            foreach (var group in member.Groups)
            {
                Leave(member, group);
            }

            member.Outbox.Close();
        }
    }

    /// <summary>Joins a group and queues its snapshot (the baseline its updates are diffed from); completes once written.</summary>
    public Task SubscribeAsync(string connectionId, HubGroup group)
    {
        lock (_gate)
        {
            if (!_connections.TryGetValue(connectionId, out var member))
            {
                throw new InvalidOperationException($"Connection {connectionId} is not connected.");
            }

            var snapshot = _coalescer.Follow(group);
            if (member.Groups.Add(group.Name))
            {
                _groups.TryAdd(group.Name, []);
                _groups[group.Name].Add(member);
            }

            return member.Outbox.PostSnapshot(group.Name, snapshot);
        }
    }

    public void Unsubscribe(string connectionId, string group)
    {
        lock (_gate)
        {
            if (_connections.TryGetValue(connectionId, out var member) && member.Groups.Remove(group))
            {
                Leave(member, group);
            }
        }
    }

    public IReadOnlyList<ConnectionStats> Connections()
    {
        lock (_gate)
        {
            return [.. _connections.Values.Select(m =>
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
            foreach (var member in _groups.GetValueOrDefault(update.Group) ?? [])
            {
                member.Outbox.Post(update);
            }
        }

        if (_coalescer.NextDue is { } due)
        {
            _timer?.Change(TimeSpan.FromTicks(Math.Max(0, (due - _time.GetUtcNow()).Ticks)), Timeout.InfiniteTimeSpan);
        }
    }

    private void Leave(HubMember member, string group)
    {
        member.Outbox.Drop(group);
        if (_groups.TryGetValue(group, out var members) && members.Remove(member) && members.Count == 0)
        {
            _groups.Remove(group);
            _coalescer.Forget(group);
        }
    }

    private void AbortStuck()
    {
        List<string> stuck;
        lock (_gate)
        {
            stuck = [.. _connections.Values.Where(m => m.Outbox.SendingFor > _stuckAfter).Select(m => m.Outbox.ConnectionId)];
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
            // Stop delivering at once; the connection's OnDisconnected removes it from its groups.
            if (!_connections.TryGetValue(connectionId, out member) || member.Aborted)
            {
                return;
            }

            member.Aborted = true;
            member.Outbox.Close();
        }

        _logger.LogWarning(error, "Hub connection {ConnectionId} aborted: {Reason}", connectionId, reason);
        member.Abort();
    }
}
