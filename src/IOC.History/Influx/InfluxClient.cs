using System.Net;
using IOC.History.Store;

namespace IOC.History.Influx;

/// <summary>
/// InfluxDB 1.x's HTTP API v1 with HttpClient (no client package works here): <c>/ping</c>, <c>/write</c> (line
/// protocol, 204) and <c>/query</c> (InfluxQL, JSON with epoch milliseconds). Failures become
/// <see cref="HistoryStoreException"/>: transient (down, timeout, 5xx) or rejected (400: the data itself).
/// </summary>
public sealed class InfluxClient : IDisposable
{
    private readonly HttpClient _http;

    public InfluxClient(Uri url, TimeSpan timeout, HttpMessageHandler? handler = null)
    {
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = url,
            Timeout = timeout,
        };
        _http.DefaultRequestHeaders.ExpectContinue = false;
    }

    public Uri Url => _http.BaseAddress!;

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "ping"), cancellationToken);
        await EnsureSuccessAsync(response, "ping", cancellationToken);
    }

    /// <summary>
    /// Writes line protocol (nanosecond timestamps) into a retention policy. Points older than the policy keeps are
    /// dropped by InfluxDB ("partial write: points beyond retention policy"): that is their retention, not a failure.
    /// </summary>
    public async Task WriteAsync(string database, string retentionPolicy, ReadOnlyMemory<byte> lines, CancellationToken cancellationToken)
    {
        var path = $"write?db={Uri.EscapeDataString(database)}&rp={Uri.EscapeDataString(retentionPolicy)}&precision=ns";
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, path) { Content = Lines(lines) },
            cancellationToken);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (body.Contains("points beyond retention policy", StringComparison.Ordinal) && !body.Contains("unable to parse", StringComparison.Ordinal))
            {
                return;
            }
        }

        await EnsureSuccessAsync(response, "write", cancellationToken);
    }

    /// <summary>Runs InfluxQL (several statements separated by ';' go in one request); times come back as Unix ms.</summary>
    public async Task<IReadOnlyList<InfluxStatement>> QueryAsync(string? database, string influxQl, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string> { ["q"] = influxQl, ["epoch"] = "ms" };
        if (database is not null)
        {
            form["db"] = database;
        }

        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, "query") { Content = new FormUrlEncodedContent(form) },
            cancellationToken);
        await EnsureSuccessAsync(response, "query", cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return InfluxResultParser.Parse(body);
    }

    public void Dispose() => _http.Dispose();

    private static ReadOnlyMemoryContent Lines(ReadOnlyMemory<byte> lines)
    {
        var content = new ReadOnlyMemoryContent(lines);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        return content;
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        using var message = request();
        try
        {
            return await _http.SendAsync(message, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new HistoryStoreException($"InfluxDB at {Url} is unreachable: {ex.Message}", inner: ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // A timeout is ambiguous (the write may have landed); retrying is safe because points are idempotent.
            throw new HistoryStoreException($"InfluxDB at {Url} did not answer within {_http.Timeout.TotalSeconds:0.#} s.", inner: ex);
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var status = (int)response.StatusCode;
        var message = $"InfluxDB {what} at {Url} answered {status}: {body.Trim()}";
        throw new HistoryStoreException(message, rejected: status == 400, inner: response.StatusCode == HttpStatusCode.NotFound ? new DatabaseNotFoundException() : null);
    }
}

/// <summary>InfluxDB answered 404 "database not found": it was dropped or wiped; the schema must be created again.</summary>
public sealed class DatabaseNotFoundException() : Exception("database not found");
