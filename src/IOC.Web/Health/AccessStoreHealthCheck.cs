using IOC.Access.Store;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IOC.Web.Health;

/// <summary>
/// The access store (accounts, keys, tokens, devices, the audit log, the cookies' key ring): access.db in the data folder,
/// or the cluster's PostgreSQL (<c>Storage:Access=postgres</c>). Unhealthy when it cannot be reached: sign-ins, admin
/// changes and audit lines fail then, while keys, tokens and screens already known go on from memory (docs/cluster.md).
/// One probe per <see cref="CachedProbe.MaxAge"/> at most.
/// </summary>
public sealed class AccessStoreHealthCheck(AccessStore store, TimeProvider time) : IHealthCheck
{
    private readonly CachedProbe _probe = new(store.PingAsync, time);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var probed = await _probe.CheckAsync();
        var data = new Dictionary<string, object>
        {
            ["store"] = store.Shared ? "postgres" : "sqlite",
            ["location"] = store.Describe,
            ["probedAt"] = probed.At.ToString("O"),
        };
        if (probed.Error is { } error)
        {
            var reason = error is AccessStoreUnavailableException down ? down.Reason : error.Message;
            return HealthCheckResult.Unhealthy($"Access store {store.Describe} unreachable: {reason}", data: data);
        }

        return HealthCheckResult.Healthy($"Access store {store.Describe} reachable", data);
    }
}
