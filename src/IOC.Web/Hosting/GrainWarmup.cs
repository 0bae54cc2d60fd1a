using System.Diagnostics;
using IOC.Domain.Units;
using IOC.Grains.Reading;
using IOC.History.Recovery;
using IOC.History.Writing;
using IOC.Ingestion;
using IOC.Web.Security;

namespace IOC.Web.Hosting;

/// <summary>
/// Before the server accepts a request: reads what the history holds for every unit in one round, activates every
/// unit grain (each rebuilds itself from that and its own inbox tail), the provinces (each the sum of its contributors)
/// and the country in national mode (the sum of the provinces), gives
/// ingestion the open dossiers to check completions against, then starts the history writer. A restart shows the
/// KPIs it showed before, and the wallboard's units never wait for a cold grain.
/// </summary>
public sealed partial class GrainWarmup(
    GrainReader grains,
    UnitRestorer restorer,
    HistoryWriter writer,
    IngestionService ingestion,
    ApiKeyValidator apiKeys,
    RecoverySource source,
    ILogger<GrainWarmup> logger) : IHostedService
{
    /// <summary>Units activated at once during the warm-up.</summary>
    public const int WaveSize = 500;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        LogInbox(logger, ingestion.Stats.Path, apiKeys.Mode);
        var stopwatch = Stopwatch.StartNew();
        var units = grains.UnitKeys().ToList();
        // A cluster without a shared history rebuilds its units from the shared inbox alone: nothing to read first.
        LogPrepared(logger, source.InboxAlone ? "none read: a cluster's units rebuild from the shared inbox" : await restorer.PrepareAsync(units, cancellationToken));

        // Every unit activates (and recovers) now, in waves; then the provinces pull their contributions, and the
        // country (national mode) the provinces'. Waves, not all at once: on the shared stores each recovery waits
        // for the bounded inbox-tail reads and the alert store's pool, and the last of national mode's 3,394 units,
        // started together, outlived Orleans' 30 s response timeout on a loaded machine (the warm-up failed and the
        // node stopped: bench/IOC.Bench.Cluster country). One wave is Hanoi's 132 units as before.
        foreach (var wave in units.Chunk(WaveSize))
        {
            await grains.SnapshotsAsync(wave);
        }

        var rollups = grains.RollupKeys().ToList();
        await grains.SnapshotsAsync(rollups.Where(r => r.Level == UnitLevel.City));
        await grains.SnapshotsAsync(rollups.Where(r => r.Level == UnitLevel.Country));
        restorer.ForgetPrepared();

        var open = new List<(string, DateTimeOffset)>();
        foreach (var unit in units.Where(u => u.Level != UnitLevel.Direct))
        {
            open.AddRange((await grains.OpenDossiersAsync(unit, null)).Select(d => (d.DossierId, d.ReceivedAt)));
        }

        ingestion.RestoreLedger(open);
        writer.Start();
        LogWarm(logger, units.Count + rollups.Count, ingestion.LedgerSize, stopwatch.ElapsedMilliseconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbox at {InboxPath}; ingestion keys: {ApiKeyMode}")]
    private static partial void LogInbox(ILogger logger, string inboxPath, string apiKeyMode);

    [LoggerMessage(Level = LogLevel.Information, Message = "History for the grains: {Summary}")]
    private static partial void LogPrepared(ILogger logger, string summary);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Grains} grains active and recovered, {OpenDossiers} open dossiers, in {Milliseconds} ms")]
    private static partial void LogWarm(ILogger logger, int grains, int openDossiers, long milliseconds);
}
