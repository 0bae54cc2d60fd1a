using System.Text.Json;
using IOC.Grains.Delivery;
using IOC.Grains.Ports;
using IOC.Live.Feed;
using Orleans;
using Orleans.Runtime;
using IOC.Ingestion;
using IOC.Ingestion.Inbox;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IOC.Web.Health;

public static class HealthExtensions
{
    public static IHostApplicationBuilder AddIocHealthChecks(this IHostApplicationBuilder builder)
    {
        // The store checks are singletons: each keeps its last probe (CachedProbe) across /health calls.
        builder.Services.AddSingleton<AccessStoreHealthCheck>();
        builder.Services.AddSingleton<AlertStoreHealthCheck>();
        builder.Services.AddHealthChecks()
            .AddCheck<InboxHealthCheck>("inbox")
            .AddCheck<GrainsHealthCheck>("grains")
            .AddCheck<HistoryHealthCheck>("history")
            .AddCheck<ProcessHealthCheck>("process")
            .AddCheck<HubHealthCheck>("hub")
            .AddCheck<AccessStoreHealthCheck>("access")
            .AddCheck<AlertStoreHealthCheck>("alerts");
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

public sealed class InboxHealthCheck(IngestionService ingestion, InboxTail tail, IInbox inbox) : IHealthCheck
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
            ["recoveredEvents"] = tail.EventsRead,
            ["recoverySkipped"] = tail.EventsSkipped,
        };
        if (inbox is SqliteInbox)
        {
            return Task.FromResult(File.Exists(stats.Path)
                ? HealthCheckResult.Healthy("Inbox open", data)
                : HealthCheckResult.Unhealthy("Inbox file is missing", data: data));
        }

        // A shared inbox (a cluster's PostgreSQL): the check reaches the server, so every node says when it is down.
        try
        {
            data["lastSeq"] = inbox.LastSeq();
            return Task.FromResult(HealthCheckResult.Healthy("Inbox reachable", data));
        }
        catch (Exception ex) when (IOC.Storage.Postgres.PostgresFailure.IsUnavailable(ex))
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"Inbox store {stats.Path} unreachable: {ex.Message}", ex, data));
        }
    }
}

public sealed class GrainsHealthCheck(IGrainFactory grains, ILocalSiloDetails silo, LiveStore live, Quarantine quarantine, EventDelivery delivery, TimeProvider time) : IHealthCheck
{
    /// <summary>The grains that hold a unit's figures (wards, agencies, direct work, provinces, the country).</summary>
    private static readonly HashSet<string> UnitGrainTypes = [.. new[]
    {
        typeof(IOC.Grains.Grains.WardGrain), typeof(IOC.Grains.Grains.AgencyGrain), typeof(IOC.Grains.Grains.CityWorkGrain),
        typeof(IOC.Grains.Grains.CityGrain), typeof(IOC.Grains.Grains.CountryGrain),
    }.Select(t => t.FullName!)];

    /// <summary>No update from the city for this long: its grain or the push path is stuck, and wallboards would go stale.</summary>
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(10);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var lastTick = live.LastTick;
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        var data = new Dictionary<string, object>
        {
            ["activations"] = statistics.Sum(s => s.ActivationCount),
            ["silos"] = statistics.Select(s => s.SiloAddress).Distinct().Count(),

            // Which node holds which units (Orleans places a unit where it is first called; in a cluster the rebalancer
            // then spreads them): an operator sees where the load lives, and the cluster drill that units spread.
            ["unitsHere"] = statistics.Where(s => s.SiloAddress.Equals(silo.SiloAddress) && UnitGrainTypes.Contains(s.GrainType.Split(',')[0])).Sum(s => s.ActivationCount),
            ["quarantinedEvents"] = quarantine.Count,
            ["undeliveredEvents"] = delivery.Undelivered,
            ["lastTick"] = lastTick?.ToString("O") ?? "never",
        };
        if (lastTick is null || time.GetUtcNow() - lastTick > StaleAfter)
        {
            return HealthCheckResult.Unhealthy("No update from the city grain in the last 10 s", data: data);
        }

        if (quarantine.Latest(1) is [var last])
        {
            return HealthCheckResult.Degraded($"{quarantine.Count} event(s) in quarantine (GET /api/v1/quarantine); latest: {last.EventId} in {last.Unit}: {last.Reason}", data: data);
        }

        if (delivery.Undelivered > 0)
        {
            return HealthCheckResult.Degraded($"{delivery.Undelivered} stored event(s) wait for a grain that could not be reached", data: data);
        }

        return HealthCheckResult.Healthy("Grains live", data);
    }
}
