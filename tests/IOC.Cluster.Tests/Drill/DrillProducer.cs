using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using IOC.Web.Security;

namespace IOC.Cluster.Tests.Drill;

/// <summary>
/// A producer as a real one behaves: batches round-robin over the nodes at a steady rate, a batch that meets a
/// connection error, a timeout or a 5xx is sent again to the next node (the same ids: the inbox dedupes), a 503 waits
/// for its Retry-After. It keeps what was acknowledged (a 202) per unit, the sums the cluster must show.
/// </summary>
public sealed class DrillProducer : IAsyncDisposable
{
    private readonly IReadOnlyList<Uri> _nodes;
    private readonly IReadOnlyList<(string? Ward, string? Agency)> _units;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly ConcurrentDictionary<string, int> _acknowledged = new();
    private readonly ConcurrentDictionary<string, byte> _acknowledgedIds = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _senders = [];
    private long _batches;
    private long _retries;
    private long _unavailable;
    private long _sent;

    public DrillProducer(IReadOnlyList<Uri> nodes, IReadOnlyList<(string? Ward, string? Agency)> units)
    {
        _nodes = nodes;
        _units = units;
        _http.DefaultRequestHeaders.Add(ApiKeyValidator.HeaderName, ApiKeyValidator.DevelopmentKey);
    }

    /// <summary>Events acknowledged so far per ward or agency code.</summary>
    public IReadOnlyDictionary<string, int> Acknowledged => new Dictionary<string, int>(_acknowledged);

    public long AcknowledgedTotal => _acknowledged.Values.Sum();

    /// <summary>Whether the event with this id was acknowledged (a failure message lists what was stored and not).</summary>
    public bool WasAcknowledged(string id) => _acknowledgedIds.ContainsKey(id);

    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Answers 503 (the inbox store down) received.</summary>
    public long Unavailable => Interlocked.Read(ref _unavailable);

    /// <summary>Starts <paramref name="senders"/> senders that together post about <paramref name="eventsPerSecond"/>.</summary>
    public void Start(int eventsPerSecond, int batchSize, int senders)
    {
        var interval = TimeSpan.FromSeconds((double)batchSize * senders / eventsPerSecond);
        for (var s = 0; s < senders; s++)
        {
            var sender = s;
            _senders.Add(Task.Run(() => SendLoopAsync(sender, batchSize, interval)));
        }
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_senders);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _http.Dispose();
        _stop.Dispose();
    }

    private async Task SendLoopAsync(int sender, int batchSize, TimeSpan interval)
    {
        var next = Stopwatch.GetTimestamp();
        var node = sender;
        while (!_stop.IsCancellationRequested)
        {
            var batch = NextBatch(batchSize);
            // Every batch is sent until acknowledged, even after Stop: a producer never drops what it holds.
            while (true)
            {
                var target = _nodes[node++ % _nodes.Count];
                var (done, wait) = await TrySendAsync(target, batch);
                if (done)
                {
                    break;
                }

                Interlocked.Increment(ref _retries);
                await Task.Delay(wait);
            }

            next += (long)(interval.TotalSeconds * Stopwatch.Frequency);
            var delay = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            if (delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<(bool Done, TimeSpan Wait)> TrySendAsync(Uri node, (JsonArray Body, List<string> Units) batch)
    {
        try
        {
            using var content = new StringContent(batch.Body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
            using var response = await _http.PostAsync(new Uri(node, "/api/v1/events"), content);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                var rejected = answer["rejected"]!.AsArray().Count;
                if (rejected > 0)
                {
                    throw new InvalidOperationException($"The drill's events were rejected: {answer}");
                }

                // Accepted and duplicates alike are stored: a duplicate is an earlier try of this batch that did land.
                foreach (var unit in batch.Units)
                {
                    _acknowledged.AddOrUpdate(unit, 1, (_, n) => n + 1);
                }

                foreach (var e in batch.Body)
                {
                    _acknowledgedIds.TryAdd(e!["id"]!.GetValue<string>(), 0);
                }

                return (true, TimeSpan.Zero);
            }

            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Interlocked.Increment(ref _unavailable);
                return (false, response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
            }

            if ((int)response.StatusCode >= 500)
            {
                return (false, TimeSpan.FromMilliseconds(200));
            }

            throw new InvalidOperationException($"{node} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // The node is gone (connection refused or reset) or too slow: the next node gets the same batch.
            return (false, TimeSpan.FromMilliseconds(100));
        }
    }

    private (JsonArray Body, List<string> Units) NextBatch(int size)
    {
        var body = new JsonArray();
        var units = new List<string>(size);
        var at = DateTimeOffset.UtcNow.AddSeconds(-2);
        for (var i = 0; i < size; i++)
        {
            var n = Interlocked.Increment(ref _sent);
            var (ward, agency) = _units[(int)(n % _units.Count)];
            body.Add(WireEvents.Received($"drill-{n}", at, n % 4 == 0 ? "in_person" : "online", unit: ward, agency: agency));
            units.Add(ward ?? agency!);
        }

        Interlocked.Increment(ref _batches);
        return (body, units);
    }
}
