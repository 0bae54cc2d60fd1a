using System.Threading.Channels;
using IOC.Alerts.Storage;
using IOC.Grains.Alerts.Evaluation;
using IOC.Grains.Alerts.Ports;
using IOC.Live;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IOC.Alerts.Writing;

/// <summary>
/// This silo's alert sink: grains hand their recorded changes here and go on (a queue, never a wait on the disk); one
/// loop writes them to the store in batches, then hands them to the notifiers. When the store cannot be reached (a
/// cluster's PostgreSQL down) the changes are kept in memory, in order, and written with the next ones once it answers
/// again (retried every <see cref="RetryEvery"/>); at most <see cref="MaxUnwritten"/> are kept, the oldest dropped
/// beyond that (logged and counted). Webhooks are told at once either way: a duty officer's pager does not wait for
/// the database. On stop it writes what is queued and kept, if it can. Pages that show the history subscribe to be
/// told once changes are written (the board is told before, so a page re-reading then would miss them).
/// </summary>
public sealed partial class AlertWriter(IAlertStore store, IEnumerable<IAlertNotifier> notifiers, ILogger<AlertWriter> logger, TimeProvider time)
    : BackgroundService, IAlertSink
{
    /// <summary>Changes kept while the store is down: about a day of a busy city's transitions, a few MB.</summary>
    public const int MaxUnwritten = 10_000;

    /// <summary>How often kept changes are tried again while nothing new arrives.</summary>
    public static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(2);

    private readonly Channel<IReadOnlyList<AlertChange>> _queue = Channel.CreateUnbounded<IReadOnlyList<AlertChange>>(
        new UnboundedChannelOptions { SingleReader = true });

    private readonly Lock _gate = new();
    private readonly Subscribers<Action> _subscribers = new();

    // Only the loop changes it; health reads its count under the gate.
    private readonly LinkedList<AlertChange> _unwritten = new();
    private long _dropped;
    private string? _lastError;
    private DateTimeOffset? _downSince;

    /// <summary>Changes kept in memory because the store could not take them yet.</summary>
    public int Unwritten
    {
        get
        {
            lock (_gate)
            {
                return _unwritten.Count;
            }
        }
    }

    /// <summary>Changes given up since start because more than <see cref="MaxUnwritten"/> waited (oldest first).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Why the last write failed, while changes wait; null when everything is written.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>When writes began to fail, while changes wait.</summary>
    public DateTimeOffset? DownSince
    {
        get
        {
            lock (_gate)
            {
                return _downSince;
            }
        }
    }

    /// <summary>Calls <paramref name="recorded"/> (on the writer's loop: it must not block) after each write to the store; disposing stops it.</summary>
    public IDisposable Subscribe(Action recorded) => _subscribers.Add(recorded);

    public void Enqueue(IReadOnlyList<AlertChange> changes)
    {
        if (!_queue.Writer.TryWrite(changes))
        {
            // Only after the host stopped: the grains are deactivating, their instances are restored from the store as last written.
            LogDroppedAfterStop(logger, changes.Count);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not tied to stoppingToken: the loop ends when the queue is completed and drained, so nothing queued is lost.
        while (await WaitAsync())
        {
            var batch = new List<AlertChange>();
            while (_queue.Reader.TryRead(out var changes))
            {
                batch.AddRange(changes);
            }

            Keep(batch);
            TryWrite();

            if (batch.Count > 0)
            {
                foreach (var notifier in notifiers)
                {
                    notifier.Notify(batch);
                }
            }
        }

        if (Unwritten > 0)
        {
            TryWrite();
            if (Unwritten is var lost and > 0)
            {
                LogLostAtStop(logger, lost, store.Describe);
            }
        }
    }

    /// <summary>Until something is queued, or, while changes wait, until it is time to try them again; false when stopped and drained.</summary>
    private async Task<bool> WaitAsync()
    {
        if (Unwritten == 0)
        {
            return await _queue.Reader.WaitToReadAsync(CancellationToken.None);
        }

        using var retry = new CancellationTokenSource(RetryEvery, time);
        try
        {
            return await _queue.Reader.WaitToReadAsync(retry.Token);
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    private void Keep(List<AlertChange> batch)
    {
        var dropped = 0;
        lock (_gate)
        {
            foreach (var change in batch)
            {
                _unwritten.AddLast(change);
            }

            while (_unwritten.Count > MaxUnwritten)
            {
                _unwritten.RemoveFirst();
                dropped++;
            }
        }

        if (dropped > 0)
        {
            Interlocked.Add(ref _dropped, dropped);
            LogDropped(logger, dropped, MaxUnwritten, store.Describe, Dropped);
        }
    }

    /// <summary>Writes every kept change, oldest first, in one transaction; on failure keeps them all for the next try.</summary>
    private void TryWrite()
    {
        List<AlertChange> pending;
        lock (_gate)
        {
            if (_unwritten.Count == 0)
            {
                return;
            }

            pending = [.. _unwritten];
        }

        try
        {
            store.Write(pending);
        }
        catch (Exception ex) when (ex is not AlertStoreUnavailableException)
        {
            // The store answered and refused (a full disk, a row it rejects): trying again would stop every later
            // change behind this one for ever, so these are given up, as before there was a retry.
            lock (_gate)
            {
                _unwritten.Clear();
            }

            Interlocked.Add(ref _dropped, pending.Count);
            LogRefused(logger, ex, pending.Count, store.Describe);
            return;
        }
        catch (AlertStoreUnavailableException ex)
        {
            bool first;
            lock (_gate)
            {
                first = _downSince is null;
                _downSince ??= time.GetUtcNow();
            }

            Volatile.Write(ref _lastError, ex.Message);
            if (first)
            {
                LogWriteFailed(logger, ex, pending.Count, store.Describe);
            }
            else
            {
                LogStillFailing(logger, pending.Count, ex.Message);
            }

            return;
        }

        DateTimeOffset? since;
        lock (_gate)
        {
            // Only the loop adds to the list, so the first pending.Count entries are exactly what was written.
            for (var i = 0; i < pending.Count; i++)
            {
                _unwritten.RemoveFirst();
            }

            since = _downSince;
            _downSince = null;
        }

        foreach (var subscriber in _subscribers.Snapshot())
        {
            try
            {
                subscriber();
            }
            catch (Exception ex)
            {
                // A page that went away mid-call must not stop the writing of later changes.
                LogSubscriberFailed(logger, ex);
            }
        }

        Volatile.Write(ref _lastError, null);
        if (since is not null)
        {
            LogCaughtUp(logger, pending.Count, store.Describe, since.Value);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record {Changes} alert change(s) in {Store}: kept in memory, retrying")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int changes, string store);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Store} refused {Changes} alert change(s); they are not recorded")]
    private static partial void LogRefused(ILogger logger, Exception exception, int changes, string store);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The alert store still refuses; {Changes} change(s) kept: {Reason}")]
    private static partial void LogStillFailing(ILogger logger, int changes, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recorded {Changes} alert change(s) kept while {Store} was down (since {Since:O})")]
    private static partial void LogCaughtUp(ILogger logger, int changes, string store, DateTimeOffset since);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped the {Dropped} oldest unrecorded alert change(s): more than {Max} waited for {Store} ({Total} dropped since start)")]
    private static partial void LogDropped(ILogger logger, int dropped, int max, string store, long total);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Changes} alert change(s) could not be recorded in {Store} before the host stopped and are lost")]
    private static partial void LogLostAtStop(ILogger logger, int changes, string store);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A subscriber to recorded alert changes failed")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Changes} alert change(s) came after the writer stopped and are not recorded")]
    private static partial void LogDroppedAfterStop(ILogger logger, int changes);
}

/// <summary>Something told of recorded alert changes after they are stored (webhooks); must not block.</summary>
public interface IAlertNotifier
{
    void Notify(IReadOnlyList<AlertChange> changes);
}
