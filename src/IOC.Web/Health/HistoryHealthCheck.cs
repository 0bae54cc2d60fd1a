using IOC.History.Writing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IOC.Web.Health;

/// <summary>
/// The history store's state and the buffer in front of it (none with the shared PostgreSQL store). A store that is
/// down makes the app degraded, not unhealthy: live KPIs go on, and the buffer (or, with PostgreSQL, the writer's memory
/// and the inbox after each unit's checkpoint) keeps every point until the store is back.
/// </summary>
public sealed class HistoryHealthCheck(HistoryWriter writer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var ledger = writer.Ledger;
        var data = new Dictionary<string, object>
        {
            ["store"] = writer.Store.Kind,
            ["location"] = writer.Store.Location,
            ["state"] = writer.State.ToString().ToLowerInvariant(),
            ["checkpointedUnits"] = ledger.CheckpointedUnits,
            ["pointsWritten"] = writer.PointsWritten,
            ["lastWrite"] = writer.LastWrite?.ToString("O") ?? "never",
            ["unsavedChanges"] = writer.UnsavedChanges,
            ["expiredPoints"] = ledger.ExpiredPoints,
            ["setAsideChanges"] = writer.SetAsideCount,
        };
        var buffer = writer.Buffer;
        var pending = buffer?.Pending ?? 0;
        if (buffer is not null)
        {
            data["bufferedPoints"] = pending;
            data["bufferRows"] = buffer.Rows;
            data["bufferPath"] = buffer.Path;
            data["droppedMinutePoints"] = buffer.DroppedMinutePoints;
            data["rejectedPoints"] = buffer.RejectedPoints;
        }

        if (writer.LastError is { } error)
        {
            data["lastError"] = error;
        }

        if (writer.State == StoreState.Down)
        {
            data["downSince"] = writer.DownSince?.ToString("O") ?? "";
            return Task.FromResult(HealthCheckResult.Degraded(
                buffer is null
                    ? $"History store {writer.Store.Kind} is down: {writer.UnsavedChanges} unit changes kept in memory, retrying"
                    : $"History store {writer.Store.Kind} is down: {pending} points buffered, retrying",
                data: data));
        }

        if (writer.SaveError is { } saveError)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"{writer.UnsavedChanges} unit changes could not be saved to the history {(buffer is null ? "store" : "buffer")}: {saveError}", data: data));
        }

        if (writer.SetAsideCount > 0)
        {
            data["setAside"] = writer.SetAsideReasons;
            return Task.FromResult(HealthCheckResult.Degraded($"{writer.SetAsideCount} unit change(s) were set aside by the history {(buffer is null ? "store" : "buffer")}; last: {writer.SetAsideReasons[^1]}", data: data));
        }

        if (buffer?.RejectedPoints > 0)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"The history store refused {buffer.RejectedPoints} points; they are kept in {buffer.Path}", data: data));
        }

        return Task.FromResult(HealthCheckResult.Healthy(
            buffer is null ? $"History store {writer.Store.Kind} {data["state"]}: saved directly" : $"History store {writer.Store.Kind} {data["state"]}: {pending} points buffered",
            data));
    }
}
