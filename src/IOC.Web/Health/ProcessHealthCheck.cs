using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IOC.Web.Health;

/// <summary>
/// The process's memory, for operators and the soak benchmark: resident set, the GC heap after the last collection,
/// what the GC has committed and allocated in all, the free space inside the heap, and what survived the last full
/// collection (the live data: a heap far above it is garbage and fragmentation, not a leak). Always healthy: a trend,
/// not a threshold, tells a leak.
/// </summary>
public sealed class ProcessHealthCheck : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo();
        var full = new[] { GC.GetGCMemoryInfo(GCKind.FullBlocking), GC.GetGCMemoryInfo(GCKind.Background) }.MaxBy(i => i.Index);
        var data = new Dictionary<string, object>
        {
            ["workingSetBytes"] = process.WorkingSet64,
            ["gcHeapBytes"] = gc.HeapSizeBytes,
            ["gcCommittedBytes"] = gc.TotalCommittedBytes,
            ["gcFragmentedBytes"] = gc.FragmentedBytes,
            ["gcLiveAfterFullBytes"] = full.PromotedBytes,
            ["gcHeapLimitBytes"] = gc.TotalAvailableMemoryBytes,
            ["allocatedBytes"] = GC.GetTotalAllocatedBytes(),
            ["gen2Collections"] = GC.CollectionCount(2),
            ["threads"] = process.Threads.Count,
        };
        return Task.FromResult(HealthCheckResult.Healthy($"{process.WorkingSet64 / (1024 * 1024)} MiB resident, {gc.HeapSizeBytes / (1024 * 1024)} MiB GC heap", data));
    }
}
