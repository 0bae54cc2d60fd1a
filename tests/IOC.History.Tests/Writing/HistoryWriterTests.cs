using IOC.Domain.Events;
using IOC.History.Model;
using IOC.History.Store;
using IOC.History.Writing;
using IOC.Tests.Shared;
using static IOC.Tests.Shared.TestEvents;

namespace IOC.History.Tests.Writing;

/// <summary>The writer against a store that goes down, answers ambiguously or refuses points: nothing lost, nothing twice.</summary>
public sealed class HistoryWriterTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly TempFolder _folder = new("ioc-writer-");
    private readonly FakeStore _store = new();
    private readonly HistoryBuffer _buffer;
    private readonly HistoryWriter _writer;
    // Half past the previous hour: recent enough for every retention, and a minute earlier is still the same hour and
    // day, so the bucket counts below do not depend on when the test runs (at 15:00 "now" and "a minute ago" differ).
    private readonly DateTimeOffset _now = HalfPastPreviousHour();

    public HistoryWriterTests()
    {
        var options = new HistoryOptions { SaveMilliseconds = 0, FlushMilliseconds = 0, RetryMaxSeconds = 0.5 };
        _buffer = new HistoryBuffer(_folder.File("history-buffer.db"), Retention.From(options), options.MaxBufferedMinutePoints);
        _writer = new HistoryWriter(_buffer, _store, options, TimeProvider.System);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _writer.DisposeAsync();
        _buffer.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task WhileTheStoreIsDownTicksWaitInTheBufferAndAreWrittenOnceWhenItIsBack()
    {
        _store.Down = true;
        _writer.Start();

        Tick(1, Call(_now), Call(_now), Call(_now.AddMinutes(-1)));
        await Until(() => _writer.State == StoreState.Down);
        var buffered = _buffer.Pending;
        Tick(2, Call(_now));
        _store.Down = false;
        var flushed = await _writer.FlushAsync(Patience);

        buffered.Should().Be(4);
        flushed.Should().BeTrue();
        _writer.State.Should().Be(StoreState.Up);
        _store.Sum(Measurement.Counters, Resolution.Minute, "CallsReceived").Should().Be(4);
        _store.Sum(Measurement.Counters, Resolution.Hour, "CallsReceived").Should().Be(4);
        _store.Sum(Measurement.Counters, Resolution.Day, "CallsReceived").Should().Be(4);
        _buffer.Pending.Should().Be(0);
    }

    [Fact]
    public async Task AWriteThatLandedButFailedIsWrittenAgainAndCountedOnce()
    {
        _store.StoreThenFail = true;
        _writer.Start();

        Tick(1, Call(_now), Call(_now));
        await Until(() => _store.Writes >= 2);
        Tick(2, Call(_now));
        await Until(() => _store.Writes >= 3);
        _store.StoreThenFail = false;
        var flushed = await _writer.FlushAsync(Patience);

        flushed.Should().BeTrue();
        _store.Sum(Measurement.Counters, Resolution.Hour, "CallsReceived").Should().Be(3, "each retry replaced the point it wrote before");
        _store.Sum(Measurement.Counters, Resolution.Minute, "CallsReceived").Should().Be(3);
    }

    [Fact]
    public async Task APointTheStoreRefusesIsSetAsideAndTheOthersAreWritten()
    {
        _store.Refuse = p => p.Resolution == Resolution.Minute;
        _writer.Start();

        Tick(1, Call(_now), Received(_now, channel: DossierChannel.Postal));
        var flushed = await _writer.FlushAsync(Patience);

        flushed.Should().BeTrue();
        _buffer.RejectedPoints.Should().Be(1, "the one minute point");
        _store.Sum(Measurement.Counters, Resolution.Hour, "CallsReceived").Should().Be(1);
        _store.Sum(Measurement.Procedures, Resolution.Day, "Received").Should().Be(1);
        _buffer.Pending.Should().Be(0);
    }

    [Fact]
    public async Task HandedOverChangesAreSavedByTheSaveLoopWithTheirCheckpoint()
    {
        _writer.Start();

        foreach (var changes in Changes.Of(6, Call(_now)))
        {
            _writer.Enqueue(changes);
        }

        await Until(() => _writer.UnsavedChanges == 0);
        await _writer.FlushAsync(Patience);

        _store.Sum(Measurement.Counters, Resolution.Hour, "CallsReceived").Should().Be(1);
        _buffer.CheckpointOf(Changes.Agency).Through.Should().Be(6);
    }

    [Fact]
    public void ChangesTheBufferRefusesAloneAreSetAsideAndEveryOtherUnitsAreSaved()
    {
        var poison = new IOC.Grains.Fold.GrainDelta();
        poison.Counters[0] = IOC.Tests.Shared.TestEvents.Fold(Call(_now)); // the first minute of year 1: no bucket can hold it
        var other = new IOC.Domain.Units.UnitKey(IOC.Domain.Units.UnitLevel.Agency, "TTPVHCC");

        _writer.Enqueue(new IOC.Grains.Fold.UnitChanges(other, poison, null, new IOC.Grains.Fold.FoldCut(3, [])));
        foreach (var changes in Changes.Of(4, Call(_now)))
        {
            _writer.Enqueue(changes);
        }

        _writer.SaveNow();

        _writer.SetAsideCount.Should().Be(1);
        _writer.SetAsideReasons.Single().Should().StartWith("agency:TTPVHCC (cut 3): ");
        (_writer.UnsavedChanges, _writer.SaveError).Should().Be((0, null));
        _buffer.CheckpointOf(Changes.Agency).Through.Should().Be(4);
        _buffer.CheckpointOf(other).Through.Should().Be(0);
    }

    [Fact]
    public async Task FlushAndDrainGiveUpInTimeWhileTheStoreIsDown()
    {
        _store.Down = true;
        _writer.Start();
        Tick(1, Call(_now));

        var flushed = await _writer.FlushAsync(TimeSpan.FromMilliseconds(300));
        var drained = await _writer.DrainAsync(TimeSpan.FromMilliseconds(300), CancellationToken.None);

        (flushed, drained).Should().Be((false, false));
        _writer.LastError.Should().Contain("down");
        _buffer.Pending.Should().Be(3);
    }

    private void Tick(long through, params IocEvent[] events)
    {
        foreach (var changes in Changes.Of(through, events))
        {
            _writer.Enqueue(changes);
        }

        _writer.SaveNow();
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold within {0}", Patience);
            await Task.Delay(20);
        }
    }

    private static DateTimeOffset HalfPastPreviousHour()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 30, 0, TimeSpan.Zero).AddHours(-1);
    }
}
