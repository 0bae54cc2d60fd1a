using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IOC.Testing.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace IOC.Bench;

/// <summary>What the hub benchmarks share: the server as a child process, producers, hub clients, RSS, percentiles.</summary>
public static class HubBench
{
    public const string Key = "bench-producer-key";

    public static readonly Stopwatch Clock = Stopwatch.StartNew();

    /// <summary>
    /// The real server, Release build, simulator off, one producer key. It runs in the Development environment only so
    /// the hub takes these anonymous clients (Production asks for a signed-in account or a device), with logging at
    /// Warning as in Production.
    /// </summary>
    public static Task<AppProcess> StartServerAsync() => AppProcess.StartAsync(new AppProcessOptions
    {
        Configuration = "Release",
        Settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Serilog__MinimumLevel__Default"] = "Warning",

            // 20 requests a second and more from one key: above the default limit of a province's producer (1,200 a minute).
            ["Access__RateLimits__IngestionPerMinute"] = "100000",
            ["Ingestion__ApiKeys__0"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key))),
        },
    });

    public static HttpClient Producer(Uri address)
    {
        var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(1) };
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return http;
    }

    /// <summary>Posts NDJSON; returns when the 202 arrived (the events are durable and queued for the grains).</summary>
    public static async Task PostAsync(HttpClient http, byte[] ndjson)
    {
        using var content = new ByteArrayContent(ndjson);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var response = await http.PostAsync("/api/v1/events", content);
        if ((int)response.StatusCode != 202)
        {
            throw new InvalidOperationException($"POST /api/v1/events: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>A SignalR .NET client over WebSockets, as a screen or program of an operator would connect.</summary>
    public static HubConnection Hub(Uri address) => new HubConnectionBuilder()
        .WithUrl(new Uri(address, "/hubs/kpi"), HttpTransportType.WebSockets)
        .Build();

    /// <summary>A KPI's value in a pushed snapshot or update, or null when the message does not carry it.</summary>
    public static double? Kpi(JsonElement payload, string id) =>
        payload.TryGetProperty("kpis", out var kpis) && kpis.TryGetProperty(id, out var figure) && figure.GetProperty("value").ValueKind == JsonValueKind.Number
            ? figure.GetProperty("value").GetDouble()
            : null;

    /// <summary>Resident and peak resident memory of a process, from /proc/{pid}/status, in MiB.</summary>
    public static (double Rss, double Peak) Memory(int pid)
    {
        double Read(string field) => File.ReadLines($"/proc/{pid}/status")
            .Where(l => l.StartsWith(field + ":", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(field.Length + 1)..].Trim().Split(' ')[0]) / 1024)
            .Single();
        return (Read("VmRSS"), Read("VmHWM"));
    }

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public static string Line(IReadOnlyList<double> perRun) => string.Join(" | ", perRun.Select(v => v.ToString("N0")));
}
