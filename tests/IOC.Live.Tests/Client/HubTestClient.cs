using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;

namespace IOC.Live.Tests.Client;

/// <summary>A message the hub pushed: <c>snapshot</c> or <c>update</c>, its group, its payload and when it arrived.</summary>
public sealed record PushedMessage(string Method, string Group, JsonElement Payload, TimeSpan ReceivedAt);

/// <summary>A real SignalR client over WebSockets that records every push and waits for the ones a test expects.</summary>
public sealed class HubTestClient : IAsyncDisposable
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    private readonly Channel<PushedMessage> _inbox = Channel.CreateUnbounded<PushedMessage>();
    private readonly ConcurrentQueue<PushedMessage> _all = new();

    private HubTestClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<string, JsonElement>("snapshot", (group, payload) => Record("snapshot", group, payload));
        connection.On<string, JsonElement>("update", (group, payload) => Record("update", group, payload));
    }

    public HubConnection Connection { get; }

    /// <summary>Every push so far, in arrival order.</summary>
    public IReadOnlyList<PushedMessage> Received => [.. _all];

    public static TimeSpan Now => Clock.Elapsed;

    public static Task<HubTestClient> ConnectAsync(Uri baseAddress) => ConnectAsync(baseAddress, _ => { });

    /// <summary>With the connection's options set by the test (headers of the test identity, an access token).</summary>
    public static async Task<HubTestClient> ConnectAsync(Uri baseAddress, Action<HttpConnectionOptions> configure)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "/hubs/kpi"), HttpTransportType.WebSockets, configure)
            .Build();
        var client = new HubTestClient(connection);
        await client.Connection.StartAsync();
        return client;
    }

    public Task SubscribeAsync(string group) => Connection.InvokeAsync("Subscribe", group);

    public Task UnsubscribeAsync(string group) => Connection.InvokeAsync("Unsubscribe", group);

    /// <summary>The next push (after those already taken) that matches; fails with what did arrive if none does in time.</summary>
    public async Task<PushedMessage> NextAsync(Func<PushedMessage, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var skipped = new List<string>();
        try
        {
            while (true)
            {
                var message = await _inbox.Reader.ReadAsync(cts.Token);
                if (match(message))
                {
                    return message;
                }

                skipped.Add($"{message.Method} {message.Group}: {message.Payload.GetRawText()[..Math.Min(200, message.Payload.GetRawText().Length)]}");
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No matching push within {timeout ?? TimeSpan.FromSeconds(10)}; got {skipped.Count}: {string.Join(" | ", skipped.TakeLast(5))}");
        }
    }

    public Task<PushedMessage> NextAsync(string method, string group, Func<JsonElement, bool>? match = null, TimeSpan? timeout = null) =>
        NextAsync(m => m.Method == method && m.Group == group && (match?.Invoke(m.Payload) ?? true), timeout);

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();

    private void Record(string method, string group, JsonElement payload)
    {
        var message = new PushedMessage(method, group, payload.Clone(), Clock.Elapsed);
        _all.Enqueue(message);
        _inbox.Writer.TryWrite(message);
    }
}

public static class PushedJson
{
    /// <summary>A KPI's value in a snapshot or update (<c>kpis.{id}.value</c>), or null when absent or null.</summary>
    public static double? Kpi(this JsonElement payload, string id) =>
        payload.TryGetProperty("kpis", out var kpis) && kpis.TryGetProperty(id, out var figure) && figure.GetProperty("value").ValueKind == JsonValueKind.Number
            ? figure.GetProperty("value").GetDouble()
            : null;
}
