using System.Net;
using System.Text.Json.Nodes;
using IOC.Web.Security;

namespace IOC.Cluster.Tests.Drill;

/// <summary>
/// A producer's retry rules, in one place for the drill's producer (<see cref="DrillProducer"/>) and the country
/// bench's (bench/IOC.Bench.Cluster/StreamProducer.cs): a batch goes to one node and, until a node acknowledges it
/// (a 202), to the next, round-robin — after 100 ms when the connection fails or times out (the node is gone or too
/// slow), after 200 ms on a 5xx, after its Retry-After on a 503 (the inbox store is down). The same ids every time, so
/// a batch a node stored without answering is found stored, not counted twice. Any other answer is a fault of the
/// caller's and is thrown.
/// </summary>
public sealed class EventPoster : IDisposable
{
    private readonly IReadOnlyList<Uri> _nodes;
    private readonly HttpClient _http;
    private long _retries;
    private long _unavailable;

    /// <param name="timeout">How long one try waits for its answer before the batch goes to the next node.</param>
    public EventPoster(IReadOnlyList<Uri> nodes, TimeSpan timeout)
    {
        _nodes = nodes;
        _http = new HttpClient { Timeout = timeout };
        _http.DefaultRequestHeaders.Add(ApiKeyValidator.HeaderName, ApiKeyValidator.DevelopmentKey);
    }

    /// <summary>Tries that failed, so the batch was sent again.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Answers 503 (the inbox store down) received.</summary>
    public long Unavailable => Interlocked.Read(ref _unavailable);

    /// <summary>
    /// Posts the batch (<paramref name="content"/> makes its body afresh for each try) to node <paramref name="first"/>
    /// (modulo the nodes), then the next, until one acknowledges it; never gives up, even while the caller stops (a
    /// producer never drops what it holds). Returns the 202's answer and how many tries it took.
    /// </summary>
    /// <param name="what">Names the batch in the error a refused request throws.</param>
    public async Task<(JsonNode Answer, int Tries)> PostAsync(Func<HttpContent> content, int first, string what)
    {
        for (var tries = 1; ; tries++)
        {
            var node = _nodes[(first + tries - 1) % _nodes.Count];
            TimeSpan pause;
            try
            {
                using var body = content();
                using var response = await _http.PostAsync(new Uri(node, "/api/v1/events"), body);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    return (JsonNode.Parse(await response.Content.ReadAsStringAsync())!, tries);
                }

                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    Interlocked.Increment(ref _unavailable);
                    pause = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                }
                else if ((int)response.StatusCode >= 500)
                {
                    pause = TimeSpan.FromMilliseconds(200);
                }
                else
                {
                    throw new InvalidOperationException($"{node} answered {(int)response.StatusCode} to {what}: {await response.Content.ReadAsStringAsync()}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // The node is gone (connection refused or reset) or too slow: the next node gets the same batch.
                pause = TimeSpan.FromMilliseconds(100);
            }

            Interlocked.Increment(ref _retries);
            await Task.Delay(pause);
        }
    }

    public void Dispose() => _http.Dispose();
}
