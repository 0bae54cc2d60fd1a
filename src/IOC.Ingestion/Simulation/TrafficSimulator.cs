using IOC.Domain.Units;
using Orleans;

namespace IOC.Ingestion.Simulation;

/// <summary>
/// Feeds generated traffic through <see cref="IngestionService"/> on a timer: the same validation, inbox and
/// grains as an HTTP producer, so the demo exercises the real path. No ASP.NET here; the web host runs
/// <see cref="RunAsync"/> from a BackgroundService.
/// </summary>
public sealed class TrafficSimulator
{
    /// <summary>After a longer pause (a suspended laptop) the simulation skips ahead instead of flooding the inbox.</summary>
    public static readonly TimeSpan MaxCatchUp = TimeSpan.FromMinutes(1);

    private const int MaxReasonsLogged = 10;

    private readonly IngestionService _ingestion;
    private readonly TrafficGenerator _generator;
    private readonly SimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly Action<string>? _log;
    private DateTimeOffset? _last;
    private long _sent;
    private long _rejected;
    private long _failedBatches;

    public TrafficSimulator(IngestionService ingestion, TrafficGenerator generator, SimulatorOptions options, TimeProvider time, Action<string>? log = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TickMilliseconds, 1, nameof(options));
        _ingestion = ingestion;
        _generator = generator;
        _options = options;
        _time = time;
        _log = log;
    }

    /// <summary>Events handed to ingestion (accepted, duplicate or rejected).</summary>
    public long EventsSent => Interlocked.Read(ref _sent);

    /// <summary>Events ingestion refused; each reason went to the log callback.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Batches that failed as a whole (the inbox could not be written); the loop carried on.</summary>
    public long FailedBatches => Interlocked.Read(ref _failedBatches);

    /// <summary>
    /// Takes over the simulated dossiers and tickets that earlier runs left open in <paramref name="grains"/>, so they are
    /// completed and resolved in the coming simulated time (see <see cref="TrafficGenerator.Adopt"/>), and starts the
    /// simulation now. Call once, before the first tick, after the grains were recovered from the inbox.
    /// </summary>
    /// <exception cref="InvalidOperationException">The simulation already started.</exception>
    public async Task<AdoptedWork> AdoptLeftoversAsync(IGrainFactory grains, UnitCatalog units)
    {
        if (_last is not null)
        {
            throw new InvalidOperationException("The simulation already started; adopt leftover work before the first tick.");
        }

        var leftovers = await LeftoverWork.FindAsync(grains, units);
        var now = _time.GetUtcNow();
        var adopted = _generator.Adopt(leftovers, now);
        _last = now;
        return adopted;
    }

    /// <summary>Ticks until <paramref name="cancellationToken"/> is cancelled, then returns normally.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        _last ??= _time.GetUtcNow();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(_options.TickMilliseconds), _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await TickAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A demo feed should outlive a full disk or a locked file; the next tick tries again.
                    Interlocked.Increment(ref _failedBatches);
                    _log?.Invoke($"Simulator tick failed: {ex.GetType().Name}: {ex.Message}");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the normal way out of the loop.
        }
    }

    /// <summary>
    /// Generates and ingests the events since the previous tick (the first call only sets the start, unless
    /// <see cref="AdoptLeftoversAsync"/> did). Returns how many were sent.
    /// </summary>
    public async Task<int> TickAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        if (_last is not { } last)
        {
            _last = now;
            return 0;
        }

        if (now <= last)
        {
            return 0;
        }

        if (now - last > MaxCatchUp)
        {
            _log?.Invoke($"Simulator paused for {now - last:g}; skipping ahead to now.");
            last = now - MaxCatchUp;
        }

        var events = _generator.Generate(last, now);
        _last = now;
        await foreach (var (sent, result) in SimulatedBatches.IngestAsync(_ingestion, events, cancellationToken))
        {
            Interlocked.Add(ref _sent, sent);
            Interlocked.Add(ref _rejected, result.Rejected.Count);
            // A few reasons per batch say what is wrong; thousands of identical lines would only bury them.
            foreach (var error in result.Rejected.Take(MaxReasonsLogged))
            {
                _log?.Invoke($"Simulated event {error.Id ?? $"#{error.Index}"} rejected: {error.Field} {error.Reason}");
            }

            if (result.Rejected.Count > MaxReasonsLogged)
            {
                _log?.Invoke($"... and {result.Rejected.Count - MaxReasonsLogged} more simulated events rejected in the same batch.");
            }
        }

        return events.Count;
    }
}
