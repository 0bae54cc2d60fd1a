using IOC.Alerts.Storage;
using IOC.Alerts.Writing;
using IOC.Domain.Units;
using IOC.Grains.Alerts.Evaluation;
using IOC.Grains.Alerts.Ports;
using IOC.Grains.Alerts.Rules;
using Microsoft.Extensions.Logging.Abstractions;

namespace IOC.Web.Tests.Alerts;

/// <summary>
/// The alert writer while its store cannot be reached: the grains' changes are kept in memory, in order, and written
/// once the store answers again; beyond <see cref="AlertWriter.MaxUnwritten"/> the oldest are dropped and counted.
/// (The same with a real PostgreSQL stopped and started: AlertStoreOutageTests.)
/// </summary>
public sealed class AlertWriterTests
{
    [Fact]
    public async Task ChangesMadeWhileTheStoreIsDownAreWrittenInTheirOrderOnceItIsBack()
    {
        var store = new FlakyStore { Down = true };
        var writer = new AlertWriter(store, [], NullLogger<AlertWriter>.Instance, TimeProvider.System);
        await writer.StartAsync(CancellationToken.None);

        writer.Enqueue([Change(1, AlertState.Firing)]);
        writer.Enqueue([Change(2, AlertState.Normal), Change(3, AlertState.Firing)]);
        await WaitUntilAsync(() => writer.Unwritten == 3 && store.Attempts >= 2);
        store.Written.Should().BeEmpty();
        writer.LastError.Should().Contain("cannot be reached");

        store.Down = false;
        await WaitUntilAsync(() => writer.Unwritten == 0);

        store.Written.Select(c => c.At.Second).Should().Equal(1, 2, 3);
        (writer.Dropped, writer.LastError, writer.DownSince).Should().Be((0L, null, null));
        await writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task BeyondTenThousandKeptChangesTheOldestAreDroppedAndCounted()
    {
        var store = new FlakyStore { Down = true };
        var writer = new AlertWriter(store, [], NullLogger<AlertWriter>.Instance, TimeProvider.System);
        await writer.StartAsync(CancellationToken.None);

        writer.Enqueue([.. Enumerable.Range(0, AlertWriter.MaxUnwritten + 5).Select(i => Change(i, AlertState.Firing))]);
        await WaitUntilAsync(() => writer.Dropped == 5);
        writer.Unwritten.Should().Be(AlertWriter.MaxUnwritten);

        store.Down = false;
        await WaitUntilAsync(() => writer.Unwritten == 0);
        store.Written.Should().HaveCount(AlertWriter.MaxUnwritten);
        store.Written[0].Alert.Value.Should().Be(5, "the five oldest were dropped");
        store.Written[^1].Alert.Value.Should().Be(AlertWriter.MaxUnwritten + 4);
        await writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task WebhooksAreToldAtOnceEvenWhileTheStoreIsDown()
    {
        var store = new FlakyStore { Down = true };
        var notifier = new Notifier();
        var writer = new AlertWriter(store, [notifier], NullLogger<AlertWriter>.Instance, TimeProvider.System);
        await writer.StartAsync(CancellationToken.None);

        writer.Enqueue([Change(1, AlertState.Firing)]);
        await WaitUntilAsync(() => notifier.Told == 1);

        store.Down = false;
        await WaitUntilAsync(() => writer.Unwritten == 0);
        notifier.Told.Should().Be(1, "a change is notified once, not again when it is written");
        await writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task SubscribersAreToldOnlyOnceChangesAreStoredAndOneThatThrowsStopsNothing()
    {
        var store = new FlakyStore { Down = true };
        var writer = new AlertWriter(store, [], NullLogger<AlertWriter>.Instance, TimeProvider.System);
        var storedWhenTold = new List<int>();
        using var broken = writer.Subscribe(() => throw new ObjectDisposedException("page"));
        using var page = writer.Subscribe(() => storedWhenTold.Add(store.Written.Count));
        await writer.StartAsync(CancellationToken.None);

        writer.Enqueue([Change(1, AlertState.Firing)]);
        await WaitUntilAsync(() => store.Attempts >= 2);
        storedWhenTold.Should().BeEmpty("nothing is stored while the store is down");

        store.Down = false;
        await WaitUntilAsync(() => writer.Unwritten == 0 && storedWhenTold.Count == 1);
        writer.Enqueue([Change(2, AlertState.Normal)]);
        await WaitUntilAsync(() => storedWhenTold.Count == 2);
        storedWhenTold.Should().Equal(1, 2);

        page.Dispose();
        writer.Enqueue([Change(3, AlertState.Firing)]);
        await WaitUntilAsync(() => store.Written.Count == 3);
        storedWhenTold.Should().Equal(1, 2);
        await writer.StopAsync(CancellationToken.None);
    }

    private static AlertChange Change(int n, AlertState state)
    {
        var at = new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero).AddSeconds(n);
        var view = new AlertView
        {
            Id = "r:ward:00082", RuleId = "r", Unit = new UnitKey(UnitLevel.Ward, "00082"), State = state, StateSince = at,
            Severity = AlertSeverity.Warning, Kpi = "satisfaction.rate", Value = n, SentenceVi = "", SentenceEn = "", RuleNameVi = "", RuleNameEn = "",
        };
        return new AlertChange(AlertChangeKind.Transition, at, view, AlertState.Normal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the writer retries every 2 s");
            await Task.Delay(50);
        }
    }

    private sealed class Notifier : IAlertNotifier
    {
        private int _told;

        public int Told => Volatile.Read(ref _told);

        public void Notify(IReadOnlyList<AlertChange> changes) => Interlocked.Add(ref _told, changes.Count);
    }

    /// <summary>A store that refuses as an unreachable server does while <see cref="Down"/>.</summary>
    private sealed class FlakyStore : IAlertStore
    {
        private readonly List<AlertChange> _written = [];
        private int _attempts;

        public volatile bool Down;

        public int Attempts => Volatile.Read(ref _attempts);

        public IReadOnlyList<AlertChange> Written
        {
            get
            {
                lock (_written)
                {
                    return [.. _written];
                }
            }
        }

        public string Describe => "PostgreSQL 127.0.0.1:1/test (schema alerts)";

        public Task PingAsync(CancellationToken cancellationToken) =>
            Down ? Task.FromException(Unreachable()) : Task.CompletedTask;

        public void Write(IReadOnlyList<AlertChange> changes)
        {
            Interlocked.Increment(ref _attempts);
            if (Down)
            {
                throw Unreachable();
            }

            lock (_written)
            {
                _written.AddRange(changes);
            }
        }

        private AlertStoreUnavailableException Unreachable() => new(Describe, new System.Net.Sockets.SocketException(111));

        public IReadOnlyList<AlertHistoryEntry> History(AlertHistoryFilter filter) => throw new NotSupportedException();

        public void Audit(AlertAuditEntry entry) => throw new NotSupportedException();

        public IReadOnlyList<AlertAuditEntry> AuditTrail(int limit = 500) => throw new NotSupportedException();

        public void AddDeadLetter(WebhookDeadLetter letter) => throw new NotSupportedException();

        public IReadOnlyList<WebhookDeadLetter> DeadLetters(int limit = 100) => throw new NotSupportedException();

        public Task<AlertConfig> LoadAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SaveRuleAsync(AlertRule rule, long version, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SaveSilenceAsync(AlertSilence silence, long version, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<AlertView>> LoadAsync(UnitKey unit, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
