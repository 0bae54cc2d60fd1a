using System.Text.Json;
using IOC.Grains.Publishing;
using IOC.Grains.Routing;
using IOC.Ingestion;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IOC.Web.Health;

public static class HealthExtensions
{
    public static IHostApplicationBuilder AddIocHealthChecks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<InboxHealthCheck>("inbox")
            .AddCheck<GrainsHealthCheck>("grains")
            .AddCheck<HistoryHealthCheck>("history");
        return builder;
    }

    /// <summary><c>/health</c>: 200 when healthy (or degraded), 503 when unhealthy, with each check's figures.</summary>
    public static IEndpointRouteBuilder MapIocHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteAsync });
        return app;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerOptions.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonOptions));
    }
}

public sealed class InboxHealthCheck(IngestionService ingestion) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var stats = ingestion.Stats;
        var data = new Dictionary<string, object>
        {
            ["path"] = stats.Path,
            ["storedEvents"] = stats.StoredEvents,
            ["duplicates"] = stats.Duplicates,
            ["rejected"] = stats.Rejected,
            ["recoveredEvents"] = stats.RecoveredEvents,
            ["recoverySkipped"] = stats.RecoverySkipped,
        };
        var healthy = File.Exists(stats.Path);
        return Task.FromResult(healthy
            ? HealthCheckResult.Healthy("Inbox open", data)
            : HealthCheckResult.Unhealthy("Inbox file is missing", data: data));
    }
}

public sealed class GrainsHealthCheck(GrainRouter router, SnapshotPublisher publisher, TimeProvider time) : IHealthCheck
{
    /// <summary>No tick for this long means the publisher is stuck: wallboards would go stale.</summary>
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(10);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var lastTick = publisher.Store.LastTick;
        var faults = router.Shards.Sum(s => s.Faults);
        var data = new Dictionary<string, object>
        {
            ["shards"] = router.Shards.Count,
            ["grains"] = router.Shards.Sum(s => s.GrainCount) + 1,
            ["queuedMessages"] = router.Shards.Sum(s => s.QueueLength),
            ["eventsFolded"] = router.Shards.Sum(s => s.EventsFolded),
            ["faults"] = faults,
            ["ticks"] = publisher.Ticks,
            ["lastTick"] = lastTick?.ToString("O") ?? "never",
        };
        if (lastTick is null || time.GetUtcNow() - lastTick > StaleAfter)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("No snapshot published in the last 10 s", data: data));
        }

        if (faults > 0)
        {
            var last = router.Shards.Select(s => s.LastFault).LastOrDefault(f => f is not null);
            return Task.FromResult(HealthCheckResult.Degraded($"{faults} shard fault(s); last: {last?.Message}", data: data));
        }

        return Task.FromResult(HealthCheckResult.Healthy("Grains live", data));
    }
}
