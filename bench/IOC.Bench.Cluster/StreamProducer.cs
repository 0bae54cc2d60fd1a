using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using IOC.Web.Security;

namespace IOC.Bench.Cluster;

/// <summary>What a producer got for a whole stream: events stored (accepted or found stored), refused, retries, time.</summary>
internal sealed record ProducerResult(long Acknowledged, long Accepted, long Duplicates, long Rejected, long Retries, long Unavailable, TimeSpan Elapsed, IReadOnlyList<string> FirstRejections)
{
    public double Rate => Acknowledged / Elapsed.TotalSeconds;
}

/// <summary>
/// Posts a fixed stream of batches once, at a steady rate, round-robin over the nodes, with the drill producer's retry
/// rules (tests/IOC.Cluster.Tests/Drill/DrillProducer.cs, which makes up its own events and so cannot post these): a
/// batch that meets a connection error or a timeout is sent again to the next node after 100 ms, a 5xx after 200 ms,
/// a 503 after its Retry-After; the same ids each time, so the inbox stores it once.
/// </summary>
internal static class StreamProducer
{
    public static async Task<ProducerResult> PostAsync(IReadOnlyList<Uri> nodes, IReadOnlyList<StreamBatch> batches, double eventsPerSecond, int senders)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add(ApiKeyValidator.HeaderName, ApiKeyValidator.DevelopmentKey);
        var state = new State();
        // Batch i is due once the events before it have had their time at the asked rate.
        var due = new double[batches.Count];
        for (var i = 1; i < batches.Count; i++)
        {
            due[i] = due[i - 1] + (batches[i - 1].Count / eventsPerSecond);
        }

        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < batches.Count)
            {
                var wait = TimeSpan.FromSeconds(due[i]) - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                await SendAsync(http, nodes, i, batches[i], state);
            }
        })));
        return state.Result(clock.Elapsed);
    }

    private static async Task SendAsync(HttpClient http, IReadOnlyList<Uri> nodes, int index, StreamBatch batch, State state)
    {
        for (var attempt = 0; ; attempt++)
        {
            var node = nodes[(index + attempt) % nodes.Count];
            if (attempt > 0)
            {
                state.Retried();
            }

            TimeSpan pause;
            try
            {
                using var content = new ByteArrayContent(batch.Body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
                using var response = await http.PostAsync(new Uri(node, "/api/v1/events"), content);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    state.Add(JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
                    return;
                }

                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    state.WasUnavailable();
                    pause = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                }
                else if ((int)response.StatusCode >= 500)
                {
                    pause = TimeSpan.FromMilliseconds(200);
                }
                else
                {
                    throw new InvalidOperationException($"{node} answered {(int)response.StatusCode} to batch {index}: {await response.Content.ReadAsStringAsync()}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                pause = TimeSpan.FromMilliseconds(100);
            }

            await Task.Delay(pause);
        }
    }

    private sealed class State
    {
        private readonly Lock _gate = new();
        private readonly List<string> _rejections = [];
        private long _accepted;
        private long _duplicates;
        private long _rejected;
        private long _retries;
        private long _unavailable;

        public void Retried() => Interlocked.Increment(ref _retries);

        public void WasUnavailable() => Interlocked.Increment(ref _unavailable);

        public void Add(JsonNode answer)
        {
            Interlocked.Add(ref _accepted, answer["accepted"]!.GetValue<int>());
            // A duplicate is an earlier try of this batch that did land (or, with a refused id, a generator fault).
            Interlocked.Add(ref _duplicates, answer["duplicates"]!.GetValue<int>());
            var rejected = answer["rejected"]!.AsArray();
            Interlocked.Add(ref _rejected, rejected.Count);
            lock (_gate)
            {
                _rejections.AddRange(rejected.Take(Math.Max(0, 5 - _rejections.Count)).Select(r => r!.ToJsonString()));
            }
        }

        public ProducerResult Result(TimeSpan elapsed)
        {
            lock (_gate)
            {
                return new ProducerResult(_accepted + _duplicates, _accepted, _duplicates, _rejected, Interlocked.Read(ref _retries), Interlocked.Read(ref _unavailable), elapsed, [.. _rejections]);
            }
        }
    }
}
