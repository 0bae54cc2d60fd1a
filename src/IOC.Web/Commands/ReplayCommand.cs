using System.Net.Http.Json;
using IOC.Ingestion;
using IOC.Ingestion.Parsing;
using IOC.Web.Apis;
using IOC.Web.Security;

namespace IOC.Web.Commands;

/// <summary>
/// Loads an NDJSON file through the same validation and inbox as the API: straight into the data directory
/// (server stopped), or with <c>--server URL</c> through a running server's <c>POST /api/v1/events</c>.
/// Exit code: 0 all lines kept (new or duplicate), 1 some lines rejected, 2 the file could not be read.
/// </summary>
public static class ReplayCommand
{
    private const int BatchSize = 1000;

    public static async Task<int> RunAsync(WebApplication app, CommandLine command)
    {
        if (command.Arguments.Count != 1 || CommandLine.ResolvePath(command.Arguments[0]) is not { } file)
        {
            Console.Error.WriteLine($"usage: replay FILE.ndjson [--server http://127.0.0.1:5080] [--api-key KEY]  ({(command.Arguments.Count == 1 ? $"file '{command.Arguments[0]}' not found" : "no file given")})");
            return 2;
        }

        Func<List<ReadOnlyMemory<byte>>, Task<IngestResponse>> send;
        HttpClient? http = null;
        if (command.Options.TryGetValue("server", out var server))
        {
            http = new HttpClient { BaseAddress = new Uri(server) };
            http.DefaultRequestHeaders.Add(ApiKeyValidator.HeaderName, command.Options.GetValueOrDefault("api-key", ApiKeyValidator.DevelopmentKey));
            send = lines => PostAsync(http, lines);
        }
        else
        {
            // The same pipeline as the server (silo, grains recovered, history writer), without listening.
            await app.StartAsync();
            var ingestion = app.Services.GetRequiredService<IngestionService>();
            send = lines => IngestLocallyAsync(ingestion, lines);
        }

        var totals = new Totals();
        var batch = new List<ReadOnlyMemory<byte>>(BatchSize);
        var lineNumbers = new List<int>(BatchSize);
        var lineNumber = 0;

        // Bytes, not text: a decoder would quietly turn bytes that are not UTF-8 into U+FFFD and store the damage;
        // the ingestion's reader refuses them with their place instead.
        foreach (var line in Lines(await File.ReadAllBytesAsync(file)))
        {
            lineNumber++;
            if (line.Span.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }

            batch.Add(line);
            lineNumbers.Add(lineNumber);
            if (batch.Count == BatchSize)
            {
                totals.Add(await send(batch), lineNumbers);
                batch.Clear();
                lineNumbers.Clear();
            }
        }

        if (batch.Count > 0)
        {
            totals.Add(await send(batch), lineNumbers);
        }

        http?.Dispose();
        if (http is null)
        {
            await app.StopAsync();
        }
        Console.WriteLine($"Replayed {lineNumber} lines from {file}: {totals.Accepted} accepted, {totals.Duplicates} duplicates, {totals.Rejected.Count} rejected.");
        foreach (var rejection in totals.Rejected.Take(20))
        {
            Console.WriteLine($"  {rejection}");
        }

        return totals.Rejected.Count == 0 ? 0 : 1;
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Lines(ReadOnlyMemory<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var end = bytes.Span.IndexOf((byte)'\n');
            yield return end < 0 ? bytes : bytes[..end];
            bytes = end < 0 ? ReadOnlyMemory<byte>.Empty : bytes[(end + 1)..];
        }
    }

    private static byte[] Join(List<ReadOnlyMemory<byte>> lines)
    {
        var body = new byte[lines.Sum(l => l.Length + 1)];
        var at = 0;
        foreach (var line in lines)
        {
            line.Span.CopyTo(body.AsSpan(at));
            at += line.Length;
            body[at++] = (byte)'\n';
        }

        return body;
    }

    private static async Task<IngestResponse> IngestLocallyAsync(IngestionService ingestion, List<ReadOnlyMemory<byte>> lines)
    {
        try
        {
            return IngestResponse.From(await ingestion.IngestAsync(Join(lines), ndjson: true));
        }
        catch (BatchRejectedException)
        {
            // One unreadable line refuses the whole batch; retry line by line so only that line is lost.
            var accepted = 0;
            var duplicates = 0;
            var rejected = new List<RejectedItem>();
            for (var i = 0; i < lines.Count; i++)
            {
                try
                {
                    var one = IngestResponse.From(await ingestion.IngestAsync(lines[i], ndjson: true));
                    accepted += one.Accepted;
                    duplicates += one.Duplicates;
                    rejected.AddRange(one.Rejected.Select(r => r with { Index = i }));
                }
                catch (BatchRejectedException ex)
                {
                    rejected.Add(new RejectedItem(i, null, "(line)", ex.Message, [new RejectedField("(line)", ex.Message)]));
                }
            }

            return new IngestResponse(accepted, duplicates, rejected);
        }
    }

    private static async Task<IngestResponse> PostAsync(HttpClient http, List<ReadOnlyMemory<byte>> lines)
    {
        using var content = new ByteArrayContent(Join(lines));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(EventsContentType.Ndjson);
        using var response = await http.PostAsync("/api/v1/events", content);
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync();
            var reason = $"{(int)response.StatusCode}: {detail}";
            return new IngestResponse(0, 0, [new RejectedItem(0, null, "(batch)", reason, [new RejectedField("(batch)", reason)])]);
        }

        return (await response.Content.ReadFromJsonAsync<IngestResponse>())!;
    }

    private sealed class Totals
    {
        public int Accepted { get; private set; }

        public int Duplicates { get; private set; }

        public List<string> Rejected { get; } = [];

        /// <param name="lineNumbers">The file line of each item sent (blank lines are skipped, so indexes need mapping).</param>
        public void Add(IngestResponse response, List<int> lineNumbers)
        {
            Accepted += response.Accepted;
            Duplicates += response.Duplicates;
            Rejected.AddRange(response.Rejected.Select(r =>
                $"line {(r.Index < lineNumbers.Count ? lineNumbers[r.Index] : lineNumbers[0])}: {string.Join("; ", (r.Errors ?? []).DefaultIfEmpty(new RejectedField(r.Field, r.Reason)).Select(e => $"{e.Field} {e.Reason}"))}{(r.Id is null ? "" : $" (id {r.Id})")}"));
        }
    }
}
