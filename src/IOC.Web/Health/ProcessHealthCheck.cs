using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IOC.Web.Health;

/// <summary>
/// The process's memory, for operators and the soak benchmark: resident set, the GC heap after the last collection,
/// what the GC has committed and allocated in all. Always healthy: a trend, not a threshold, tells a leak.
/// </summary>
public sealed class ProcessHealthCheck : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo();
        var data = new Dictionary<string, object>
        {
            ["workingSetBytes"] = process.WorkingSet64,
            ["gcHeapBytes"] = gc.HeapSizeBytes,
            ["gcCommittedBytes"] = gc.TotalCommittedBytes,
            ["gcHeapLimitBytes"] = gc.TotalAvailableMemoryBytes,
            ["allocatedBytes"] = GC.GetTotalAllocatedBytes(),
            ["gen2Collections"] = GC.CollectionCount(2),
            ["threads"] = process.Threads.Count,
        };
        return Task.FromResult(HealthCheckResult.Healthy($"{process.WorkingSet64 / (1024 * 1024)} MiB resident, {gc.HeapSizeBytes / (1024 * 1024)} MiB GC heap", data));
    }
}
