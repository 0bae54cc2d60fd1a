using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using IOC.Cluster.Tests.Drill;

namespace IOC.Bench.Cluster;

/// <summary>What a producer got for a whole stream: events stored (accepted or found stored), refused, retries, time.</summary>
internal sealed record ProducerResult(long Acknowledged, long Accepted, long Duplicates, long Rejected, long Retries, long Unavailable, TimeSpan Elapsed, IReadOnlyList<string> FirstRejections)
{
    public double Rate => Acknowledged / Elapsed.TotalSeconds;
}

/// <summary>
/// Posts a fixed stream of batches once, at a steady rate, round-robin over the nodes (batch <i>i</i> first to node
/// <i>i</i>), with the drill producer's retry rules (tests/IOC.Cluster.Tests/Drill/EventPoster.cs): a batch that meets a
/// connection error or a timeout is sent again to the next node after 100 ms, a 5xx after 200 ms, a 503 after its
/// Retry-After; the same ids each time, so the inbox stores it once.
/// </summary>
internal static class StreamProducer
{
    public static async Task<ProducerResult> PostAsync(IReadOnlyList<Uri> nodes, IReadOnlyList<StreamBatch> batches, double eventsPerSecond, int senders)
    {
        using var poster = new EventPoster(nodes, TimeSpan.FromSeconds(30));
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

                var batch = batches[i];
                var (answer, _) = await poster.PostAsync(() => Ndjson(batch.Body), first: i, $"batch {i}");
                state.Add(answer);
            }
        })));
        return state.Result(clock.Elapsed, poster);
    }

    private static ByteArrayContent Ndjson(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        return content;
    }

    private sealed class State
    {
        private readonly Lock _gate = new();
        private readonly List<string> _rejections = [];
        private long _accepted;
        private long _duplicates;
        private long _rejected;

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

        public ProducerResult Result(TimeSpan elapsed, EventPoster poster)
        {
            lock (_gate)
            {
                return new ProducerResult(_accepted + _duplicates, _accepted, _duplicates, _rejected, poster.Retries, poster.Unavailable, elapsed, [.. _rejections]);
            }
        }
    }
}
