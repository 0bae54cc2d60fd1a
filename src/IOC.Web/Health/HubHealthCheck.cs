using IOC.Live.Hub;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IOC.Web.Health;

/// <summary>
/// The hub's connections and what waits for them: each connection holds at most one message per group it watches,
/// so the pending total is bounded by the groups; a long send names a client that stopped reading (it is dropped
/// after <c>Hub:StuckClientSeconds</c>, and never holds up the others). Always healthy: figures for operators and the
/// soak benchmark's "no growth in hub buffers".
/// </summary>
public sealed class HubHealthCheck(KpiBroadcaster hub) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var connections = hub.Connections();
        var longestSend = connections.Max(c => c.SendingFor) ?? TimeSpan.Zero;
        var data = new Dictionary<string, object>
        {
            ["connections"] = connections.Count,
            ["groups"] = connections.Sum(c => c.Groups),
            ["pendingMessages"] = connections.Sum(c => c.Pending),
            ["maxPendingPerConnection"] = connections.Count == 0 ? 0 : connections.Max(c => c.Pending),
            ["longestSendSeconds"] = Math.Round(longestSend.TotalSeconds, 1),
            ["sentMessages"] = connections.Sum(c => c.Sent),
        };
        return Task.FromResult(HealthCheckResult.Healthy($"{connections.Count} connection(s), {data["pendingMessages"]} message(s) waiting", data));
    }
}
