using IOC.Domain.Events;
using IOC.Ingestion.Parsing;

namespace IOC.Ingestion.Simulation;

/// <summary>
/// Generated events handed to ingestion as a producer would send them: NDJSON batches no larger than a request may be
/// (and at most 5,000, so one batch never holds the inbox writer long).
/// </summary>
internal static class SimulatedBatches
{
    private const int MaxBatch = 5_000;

    /// <summary>Ingests <paramref name="events"/> batch by batch, yielding each batch's size and result.</summary>
    public static async IAsyncEnumerable<(int Sent, IngestResult Result)> IngestAsync(
        IngestionService ingestion, IReadOnlyList<IocEvent> events, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var size = Math.Max(1, Math.Min(ingestion.Options.MaxEventsPerRequest, MaxBatch));
        foreach (var batch in events.Chunk(size))
        {
            yield return (batch.Length, await ingestion.IngestAsync(EventJson.ToNdjson(batch), ndjson: true, cancellationToken));
        }
    }
}
