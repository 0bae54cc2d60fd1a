using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace IOC.Cluster.Tests.Drill;

/// <summary>
/// A producer as a real one behaves: batches of events it makes up, round-robin over the nodes at a steady rate, each
/// sent until a node acknowledges it (<see cref="EventPoster"/>'s retry rules). It keeps what was acknowledged (a 202)
/// per unit, the sums the cluster must show.
/// </summary>
public sealed class DrillProducer : IAsyncDisposable
{
    private readonly IReadOnlyList<(string? Ward, string? Agency)> _units;
    private readonly EventPoster _poster;
    private readonly ConcurrentDictionary<string, int> _acknowledged = new();
    private readonly ConcurrentDictionary<string, byte> _acknowledgedIds = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _senders = [];
    private long _batches;
    private long _sent;

    public DrillProducer(IReadOnlyList<Uri> nodes, IReadOnlyList<(string? Ward, string? Agency)> units)
    {
        _units = units;
        _poster = new EventPoster(nodes, TimeSpan.FromSeconds(10));
    }

    /// <summary>Events acknowledged so far per ward or agency code.</summary>
    public IReadOnlyDictionary<string, int> Acknowledged => new Dictionary<string, int>(_acknowledged);

    public long AcknowledgedTotal => _acknowledged.Values.Sum();

    /// <summary>Whether the event with this id was acknowledged (a failure message lists what was stored and not).</summary>
    public bool WasAcknowledged(string id) => _acknowledgedIds.ContainsKey(id);

    public long Retries => _poster.Retries;

    /// <summary>Answers 503 (the inbox store down) received.</summary>
    public long Unavailable => _poster.Unavailable;

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

        _poster.Dispose();
        _stop.Dispose();
    }

    private async Task SendLoopAsync(int sender, int batchSize, TimeSpan interval)
    {
        var next = Stopwatch.GetTimestamp();
        var node = sender;
        while (!_stop.IsCancellationRequested)
        {
            // Every batch is sent until acknowledged, even after Stop: a producer never drops what it holds. The next
            // batch goes to the node after the one that took this.
            node += await SendAsync(node, NextBatch(batchSize));

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

    private async Task<int> SendAsync(int firstNode, (JsonArray Body, List<string> Units) batch)
    {
        var json = batch.Body.ToJsonString();
        var (answer, tries) = await _poster.PostAsync(() => new StringContent(json, System.Text.Encoding.UTF8, "application/json"), firstNode, "the drill's batch");
        if (answer["rejected"]!.AsArray().Count > 0)
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

        return tries;
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
