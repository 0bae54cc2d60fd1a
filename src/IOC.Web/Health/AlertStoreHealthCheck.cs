using IOC.Alerts.Storage;
using IOC.Alerts.Writing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IOC.Web.Health;

/// <summary>
/// The alert store (rules, silences, instances, history): alerts.db in the data folder, or the cluster's PostgreSQL
/// (<c>Storage:Alerts=postgres</c>), and the changes this node's writer keeps in memory while it cannot write them.
/// Unhealthy when the store cannot be reached (acknowledging, silencing and rule changes answer 503 then); degraded
/// while kept changes wait or some were dropped. One probe per <see cref="CachedProbe.MaxAge"/> at most.
/// </summary>
public sealed class AlertStoreHealthCheck(IAlertStore store, AlertWriter writer, TimeProvider time) : IHealthCheck
{
    private readonly CachedProbe _probe = new(store.PingAsync, time);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var probed = await _probe.CheckAsync();
        var data = new Dictionary<string, object>
        {
            ["store"] = store is PostgresAlertStore ? "postgres" : "sqlite",
            ["location"] = store.Describe,
            ["probedAt"] = probed.At.ToString("O"),
            ["unwrittenChanges"] = writer.Unwritten,
            ["droppedChanges"] = writer.Dropped,
        };
        if (writer.DownSince is { } since)
        {
            data["writesFailingSince"] = since.ToString("O");
        }

        if (writer.LastError is { } lastError)
        {
            data["lastError"] = lastError;
        }

        if (probed.Error is { } error)
        {
            var reason = error is AlertStoreUnavailableException down ? down.Reason : error.Message;
            return HealthCheckResult.Unhealthy(
                $"Alert store {store.Describe} unreachable: {reason}; {writer.Unwritten} alert change(s) kept in memory until it is back",
                data: data);
        }

        if (writer.Unwritten > 0)
        {
            return HealthCheckResult.Degraded($"{writer.Unwritten} alert change(s) wait to be written to {store.Describe}", data: data);
        }

        if (writer.Dropped > 0)
        {
            return HealthCheckResult.Degraded($"{writer.Dropped} alert change(s) were dropped since start: more than {AlertWriter.MaxUnwritten} waited for the store", data: data);
        }

        return HealthCheckResult.Healthy($"Alert store {store.Describe} reachable", data);
    }
}
