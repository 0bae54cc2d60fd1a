using System.Net.Http.Json;
using System.Text;
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

        Func<List<string>, Task<IngestResponse>> send;
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
        var batch = new List<string>(BatchSize);
        var lineNumbers = new List<int>(BatchSize);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(file))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
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

    private static async Task<IngestResponse> IngestLocallyAsync(IngestionService ingestion, List<string> lines)
    {
        try
        {
            return IngestResponse.From(await ingestion.IngestAsync(Encoding.UTF8.GetBytes(string.Join('\n', lines)), ndjson: true));
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
                    var one = await ingestion.IngestAsync(Encoding.UTF8.GetBytes(lines[i]), ndjson: true);
                    accepted += one.Accepted;
                    duplicates += one.Duplicates;
                    rejected.AddRange(one.Rejected.Select(r => new RejectedItem(i, r.Id, r.Field, r.Reason)));
                }
                catch (BatchRejectedException ex)
                {
                    rejected.Add(new RejectedItem(i, null, "(line)", ex.Message));
                }
            }

            return new IngestResponse(accepted, duplicates, rejected);
        }
    }

    private static async Task<IngestResponse> PostAsync(HttpClient http, List<string> lines)
    {
        using var content = new StringContent(string.Join('\n', lines), Encoding.UTF8, "application/x-ndjson");
        using var response = await http.PostAsync("/api/v1/events", content);
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync();
            return new IngestResponse(0, 0, [new RejectedItem(0, null, "(batch)", $"{(int)response.StatusCode}: {detail}")]);
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
                $"line {(r.Index < lineNumbers.Count ? lineNumbers[r.Index] : lineNumbers[0])}: {r.Field} {r.Reason}{(r.Id is null ? "" : $" (id {r.Id})")}"));
        }
    }
}
