using System.Diagnostics;
using IOC.Domain.Telemetry;
using IOC.History.Model;

namespace IOC.History.Store;

/// <summary>
/// A history store that reports how long each call takes (<c>ioc.history.store.duration</c>) and traces it as a span;
/// the calls themselves go to the real store unchanged.
/// </summary>
public sealed class InstrumentedHistoryStore(IHistoryStore inner, IocMetrics metrics) : IHistoryStore
{
    public string Kind => inner.Kind;

    public string Location => inner.Location;

    public IHistoryStore Inner => inner;

    public Task EnsureSchemaAsync(CancellationToken cancellationToken) => inner.EnsureSchemaAsync(cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken) => TimeAsync("ping", () => inner.PingAsync(cancellationToken));

    public Task WriteAsync(IReadOnlyList<HistoryPoint> points, CancellationToken cancellationToken) =>
        TimeAsync("write", () => inner.WriteAsync(points, cancellationToken), points.Count);

    public async Task<IReadOnlyList<IReadOnlyList<HistoryRow>>> QueryAsync(IReadOnlyList<HistoryQuery> queries, CancellationToken cancellationToken)
    {
        IReadOnlyList<IReadOnlyList<HistoryRow>> rows = [];
        await TimeAsync("query", async () => rows = await inner.QueryAsync(queries, cancellationToken), queries.Count);
        return rows;
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private async Task TimeAsync(string operation, Func<Task> call, int? items = null)
    {
        using var activity = IocMetrics.Activities.StartActivity($"history.{operation}", ActivityKind.Client);
        activity?.SetTag("ioc.store", inner.Kind);
        if (items is not null)
        {
            activity?.SetTag("ioc.items", items);
        }

        var started = Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            await call();
        }
        catch (Exception ex)
        {
            outcome = "error";
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
        finally
        {
            metrics.StoreDuration.Record(
                Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("ioc.store", inner.Kind),
                new KeyValuePair<string, object?>("ioc.operation", operation),
                new KeyValuePair<string, object?>("ioc.outcome", outcome));
        }
    }
}
