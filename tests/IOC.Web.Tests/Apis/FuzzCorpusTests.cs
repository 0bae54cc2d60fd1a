using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IOC.Domain.Units;
using IOC.Ingestion.Parsing;
using IOC.Testing.Fuzzing;
using Microsoft.Extensions.DependencyInjection;

namespace IOC.Web.Tests.Apis;

/// <summary>
/// Every input the fuzzer kept (tests/IOC.Ingestion.Tests/FuzzCorpus, `bench/IOC.Bench -- fuzz`), sent to the real
/// API: never a 5xx, a refused body stores nothing, an answered one stores exactly what it says it accepted; and the
/// reader, parser and validator keep their promises on it in process.
/// </summary>
public class FuzzCorpusTests : IClassFixture<IocWebFactory>
{
    private readonly IocWebFactory _factory;

    public FuzzCorpusTests(IocWebFactory factory) => _factory = factory;

    public static string CorpusDirectory => Path.Combine(AppProcess.RepoRoot(), "tests", "IOC.Ingestion.Tests", "FuzzCorpus");

    [Fact]
    public async Task EveryCorpusInputIsAnsweredWithoutA5xxAndStoresAllOrNothingItSays()
    {
        var files = Directory.GetFiles(CorpusDirectory, "*.*json", SearchOption.AllDirectories);
        var client = _factory.CreateProducer();
        var parser = new EventParser(_factory.Services.GetRequiredService<UnitCatalog>());
        var answers = new Dictionary<int, int>();

        files.Should().HaveCountGreaterThan(50, "the fuzzer's corpus is committed");
        foreach (var file in files)
        {
            var ndjson = file.EndsWith(".ndjson", StringComparison.Ordinal);
            var body = await File.ReadAllBytesAsync(file);
            var before = await StoredAsync(client);

            var act = () => FuzzTarget.Run(body, ndjson, parser, DateTimeOffset.UtcNow);
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue(ndjson ? "application/x-ndjson" : "application/json");
            using var response = await client.PostAsync("/api/v1/events", content);
            var text = await response.Content.ReadAsStringAsync();
            var stored = await StoredAsync(client) - before;

            act.Should().NotThrow(Path.GetFileName(file));
            var status = (int)response.StatusCode;
            answers[status] = answers.GetValueOrDefault(status) + 1;
            status.Should().BeLessThan(500, $"{Path.GetFileName(file)}: {text}");
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                stored.Should().Be(JsonNode.Parse(text)!["accepted"]!.GetValue<int>(), Path.GetFileName(file));
            }
            else
            {
                response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json", Path.GetFileName(file));
                stored.Should().Be(0, $"{Path.GetFileName(file)} was refused whole: {text}");
            }
        }

        answers.Keys.Should().BeSubsetOf([202, 400, 413]);
    }

    /// <summary>The inbox's event count, as /health reports it.</summary>
    private static async Task<long> StoredAsync(HttpClient client)
    {
        var health = (await client.GetFromJsonAsync<JsonObject>("/health"))!;
        return FindStored(health) ?? throw new InvalidOperationException("/health has no storedEvents: " + health.ToJsonString());
    }

    private static long? FindStored(JsonNode node) => node switch
    {
        JsonObject o when o["storedEvents"] is { } v => v.GetValue<long>(),
        JsonObject o => o.Select(p => p.Value is null ? null : FindStored(p.Value)).FirstOrDefault(v => v is not null),
        JsonArray a => a.Select(n => n is null ? null : FindStored(n)).FirstOrDefault(v => v is not null),
        _ => null,
    };
}
