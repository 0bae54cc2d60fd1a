using IOC.History.Writing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IOC.Web.Health;

/// <summary>
/// The history store's state and the buffer in front of it. A store that is down makes the app degraded, not
/// unhealthy: live KPIs go on, and the buffer keeps every point until the store is back.
/// </summary>
public sealed class HistoryHealthCheck(HistoryWriter writer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var buffer = writer.Buffer;
        var pending = buffer.Pending;
        var data = new Dictionary<string, object>
        {
            ["store"] = writer.Store.Kind,
            ["location"] = writer.Store.Location,
            ["state"] = writer.State.ToString().ToLowerInvariant(),
            ["bufferedPoints"] = pending,
            ["bufferRows"] = buffer.Rows,
            ["bufferPath"] = buffer.Path,
            ["checkpointedUnits"] = buffer.CheckpointedUnits,
            ["pointsWritten"] = writer.PointsWritten,
            ["lastWrite"] = writer.LastWrite?.ToString("O") ?? "never",
            ["unsavedChanges"] = writer.UnsavedChanges,
            ["droppedMinutePoints"] = buffer.DroppedMinutePoints,
            ["expiredPoints"] = buffer.ExpiredPoints,
            ["rejectedPoints"] = buffer.RejectedPoints,
            ["setAsideChanges"] = writer.SetAsideCount,
        };
        if (writer.LastError is { } error)
        {
            data["lastError"] = error;
        }

        if (writer.State == StoreState.Down)
        {
            data["downSince"] = writer.DownSince?.ToString("O") ?? "";
            return Task.FromResult(HealthCheckResult.Degraded($"History store {writer.Store.Kind} is down: {pending} points buffered, retrying", data: data));
        }

        if (writer.SaveError is { } saveError)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"{writer.UnsavedChanges} unit changes could not be saved to the history buffer: {saveError}", data: data));
        }

        if (writer.SetAsideCount > 0)
        {
            data["setAside"] = writer.SetAsideReasons;
            return Task.FromResult(HealthCheckResult.Degraded($"{writer.SetAsideCount} unit change(s) were set aside by the history buffer; last: {writer.SetAsideReasons[^1]}", data: data));
        }

        if (buffer.RejectedPoints > 0)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"The history store refused {buffer.RejectedPoints} points; they are kept in {buffer.Path}", data: data));
        }

        return Task.FromResult(HealthCheckResult.Healthy($"History store {writer.Store.Kind} {data["state"]}: {pending} points buffered", data));
    }
}
