using IOC.Domain.Telemetry;
using IOC.Web.Apis;

namespace IOC.Web.Telemetry;

/// <summary>Records each answered batch's size (accepted + duplicates + rejected) in <c>ioc.ingest.batch.size</c>.</summary>
public sealed class IngestMetricsFilter(IocMetrics metrics) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);

        // A typed union (Results<Accepted<…>, ProblemHttpResult>) holds the answer one level down.
        var answer = result is INestedHttpResult nested ? nested.Result : result;
        if (answer is IValueHttpResult { Value: IngestResponse batch })
        {
            metrics.BatchSize.Record(batch.Accepted + batch.Duplicates + batch.Rejected.Count);
        }

        return result;
    }
}
