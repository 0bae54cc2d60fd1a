using System.Collections.Concurrent;
using IOC.Live.Hub;
using IOC.Live.KpiViews;

namespace IOC.Live.Tests.Hub;

/// <summary>One connection's delivery against a fake wire whose sends the test holds or releases.</summary>
public class ConnectionOutboxTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 16, 9, 0, 0, TimeSpan.FromHours(7));
    private readonly FakeWire _wire = new();
    private readonly ConnectionOutbox _outbox;

    public ConnectionOutboxTests() => _outbox = new ConnectionOutbox("c1", _wire.SendAsync, TimeProvider.System);

    [Fact]
    public async Task WhileASendIsStuckOnlyOneIsInFlightAndUpdatesMergePerGroup()
    {
        _wire.Hold();
        _outbox.Post(Update("city", "dossier.received", 1));
        await _wire.WaitForAsync(1);

        for (var i = 2; i <= 1000; i++)
        {
            _outbox.Post(Update("city", "dossier.received", i));
            _outbox.Post(Update("ward:00082", i % 2 == 0 ? "dossier.received" : "dossier.onlineRate", i));
        }

        var pendingWhileStuck = _outbox.PendingCount;
        var sendsWhileStuck = _wire.Calls.Count;
        _wire.Release();
        await _wire.WaitForAsync(3);

        pendingWhileStuck.Should().Be(2, "one merged update per group");
        sendsWhileStuck.Should().Be(1);
        _outbox.SendingFor.Should().BeNull();
        var city = (KpiUpdate)_wire.Calls[1].Args[1]!;
        city.Kpis["dossier.received"].Value.Should().Be(1000);
        var ward = (KpiUpdate)_wire.Calls[2].Args[1]!;
        ward.Kpis["dossier.received"].Value.Should().Be(1000);
        ward.Kpis["dossier.onlineRate"].Value.Should().Be(999);
    }

    [Fact]
    public async Task ASnapshotGoesBeforeItsGroupsUpdatesAndAbsorbsThoseNotYetSent()
    {
        _wire.Hold();
        _outbox.Post(Update("city", "dossier.received", 1));
        await _wire.WaitForAsync(1);

        var written = _outbox.PostSnapshot("ward:00082", Snapshot(("dossier.received", 5), ("dossier.onlineRate", 50)));
        _outbox.Post(Update("ward:00082", "dossier.received", 6));
        _wire.Release();
        await written;

        _wire.Calls.Select(c => c.Method).Should().Equal("update", "snapshot");
        var snapshot = (UnitKpis)_wire.Calls[1].Args[1]!;
        snapshot.Kpis["dossier.received"].Value.Should().Be(6);
        snapshot.Kpis["dossier.onlineRate"].Value.Should().Be(50);
    }

    [Fact]
    public async Task ADroppedGroupSendsNothingMore()
    {
        _wire.Hold();
        _outbox.Post(Update("city", "dossier.received", 1));
        await _wire.WaitForAsync(1);

        _outbox.Post(Update("ward:00082", "dossier.received", 2));
        _outbox.Drop("ward:00082");
        _outbox.Post(Update("city", "dossier.received", 3));
        _wire.Release();
        await _wire.WaitForAsync(2);

        _wire.Calls.Select(c => (string)c.Args[0]!).Should().Equal("city", "city");
    }

    [Fact]
    public async Task ClosingCancelsTheSendInFlightAndDropsWhatWaits()
    {
        _wire.Hold();
        _outbox.Post(Update("city", "dossier.received", 1));
        await _wire.WaitForAsync(1);
        var snapshot = _outbox.PostSnapshot("ward:00082", Snapshot(("dossier.received", 5)));

        _outbox.Close();
        _outbox.Post(Update("city", "dossier.received", 2));

        await _wire.Calls[0].Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await snapshot.Invoking(s => s).Should().ThrowAsync<OperationCanceledException>();
        _outbox.PendingCount.Should().Be(0);
    }

    private static KpiUpdate Update(string group, string kpi, double value) =>
        new(group, At, new Dictionary<string, KpiFigure> { [kpi] = Figure(value) });

    private static UnitKpis Snapshot(params (string Kpi, double Value)[] kpis) =>
        new("00082", "Phường Cửa Nam", "Cua Nam Ward", "ward", "today", At, kpis.ToDictionary(k => k.Kpi, k => Figure(k.Value)));

    private static KpiFigure Figure(double value) => new(value, null, null, null, null, "none");

    /// <summary>Records sends; while held, each send waits until released (or its cancellation).</summary>
    private sealed class FakeWire
    {
        private TaskCompletionSource _gate = Open();

        public ConcurrentQueue<Call> Queue { get; } = new();

        public IReadOnlyList<Call> Calls => [.. Queue];

        public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _gate.TrySetResult();

        public async Task SendAsync(string method, object?[] args, CancellationToken cancellationToken)
        {
            var call = new Call(method, args, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            Queue.Enqueue(call);
            try
            {
                await _gate.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                call.Cancelled.TrySetResult();
                throw;
            }
        }

        public async Task WaitForAsync(int calls)
        {
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (Queue.Count < calls)
            {
                DateTime.UtcNow.Should().BeBefore(deadline, "{0} sends were expected, {1} came", calls, Queue.Count);
                await Task.Delay(10);
            }
        }

        private static TaskCompletionSource Open()
        {
            var open = new TaskCompletionSource();
            open.SetResult();
            return open;
        }
    }

    private sealed record Call(string Method, object?[] Args, TaskCompletionSource Cancelled);
}
