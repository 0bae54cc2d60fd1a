using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace IOC.Web.Health;

/// <summary>
/// The probes a load balancer, an orchestrator or a systemd timer asks, beside <c>/health</c> (which reports every
/// check's figures for people).
/// </summary>
public static class HealthProbes
{
    /// <summary>
    /// <c>/health/live</c>: the process answers HTTP (no check runs, so a slow store never gets a live process
    /// restarted). <c>/health/ready</c>: every check; 503 while the inbox is closed or the grains publish nothing
    /// (starting, or stuck), 200 when healthy or degraded (a history store that is down only delays history).
    /// Both answer plain text: Healthy, Degraded or Unhealthy.
    /// </summary>
    public static IEndpointRouteBuilder MapIocHealthProbes(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready");
        return app;
    }
}
