using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IOC.Domain.Events;
using IOC.Domain.Units;
using IOC.Ingestion.Parsing;
using Microsoft.Extensions.DependencyInjection;

namespace IOC.Web.Tests.Apis;

/// <summary>/openapi/v1.json as a producer's client generator reads it: the event schemas, the key, the examples.</summary>
public class OpenApiContractTests : IClassFixture<IocWebFactory>
{
    private readonly IocWebFactory _factory;

    public OpenApiContractTests(IocWebFactory factory) => _factory = factory;

    [Fact]
    public async Task PostEventsReadsJsonAndNdjsonAndRequiresTheApiKeyScheme()
    {
        var document = await DocumentAsync();

        var operation = document["paths"]!["/api/v1/events"]!["post"]!;
        operation["requestBody"]!["content"]!.AsObject().Select(p => p.Key).Should().Equal("application/json", "application/x-ndjson");
        operation["security"]![0]!.AsObject().Select(p => p.Key).Should().Equal("ApiKey");
        var scheme = document["components"]!["securitySchemes"]!["ApiKey"]!;
        (scheme["type"]!.GetValue<string>(), scheme["in"]!.GetValue<string>(), scheme["name"]!.GetValue<string>()).Should().Be(("apiKey", "header", "X-Api-Key"));
        operation["responses"]!.AsObject().Select(p => p.Key).Should().Contain(["202", "400", "401", "413", "415"]);
    }

    [Fact]
    public async Task EventIsAOneOfOfTheSevenTypesWithADiscriminatorOnType()
    {
        var document = await DocumentAsync();

        var schema = document["components"]!["schemas"]!["Event"]!;
        schema["oneOf"]!.AsArray().Should().HaveCount(7);
        schema["discriminator"]!["propertyName"]!.GetValue<string>().Should().Be("type");
        schema["discriminator"]!["mapping"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(WireNames.EventTypes.Keys);
    }

    [Fact]
    public async Task EachTypeSchemaHasExactlyTheFieldsTheParserAcceptsAndNoOthers()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!;

        foreach (var (wire, type) in WireNames.EventTypes)
        {
            var schema = schemas[IOC.Web.Apis.EventsOpenApi.SchemaName(type)]!;
            schema["properties"]!.AsObject().Select(p => p.Key).Should().Equal(EventSchema.Fields(type).Select(f => f.Name), wire);
            schema["required"]!.AsArray().Select(r => r!.GetValue<string>()).Should().BeEquivalentTo(EventSchema.Fields(type).Where(f => f.Required).Select(f => f.Name), wire);
            schema["additionalProperties"]!.GetValue<bool>().Should().BeFalse();
            schema["properties"]!["type"]!["enum"]!.AsArray().Single()!.GetValue<string>().Should().Be(wire);
        }
    }

    [Fact]
    public async Task NoNumberIsTypedAsIntegerOrString()
    {
        var document = await DocumentAsync();

        var mixed = Nodes(document).OfType<JsonObject>()
            .Where(o => o["type"] is JsonArray types && types.Any(t => t!.GetValue<string>() is "integer" or "number") && types.Any(t => t!.GetValue<string>() == "string"))
            .ToList();

        mixed.Should().BeEmpty();
        document["components"]!["schemas"]!["IngestResponse"]!["properties"]!["accepted"]!["type"]!.GetValue<string>().Should().Be("integer");
    }

    [Fact]
    public async Task EveryExampleIsAnEventTheParserAcceptsAndItsSchemaAllows()
    {
        var document = await DocumentAsync();
        var schemas = document["components"]!["schemas"]!;
        var body = document["paths"]!["/api/v1/events"]!["post"]!["requestBody"]!["content"]!;
        var examples = WireNames.EventTypes.Values.SelectMany(t => schemas[IOC.Web.Apis.EventsOpenApi.SchemaName(t)]!["examples"]!.AsArray())
            .Concat(body["application/json"]!["examples"]!.AsObject().SelectMany(e => e.Value!["value"]!.AsArray()))
            .Concat(body["application/x-ndjson"]!["example"]!.GetValue<string>().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)))
            .Select(e => e!.AsObject())
            .ToList();
        var parser = new EventParser(_factory.Services.GetRequiredService<UnitCatalog>());

        examples.Should().HaveCount(21);
        foreach (var example in examples)
        {
            using var items = BatchReader.Read(Encoding.UTF8.GetBytes(example.ToJsonString()), ndjson: false, maxEvents: 1);
            parser.Parse(items[0], EventExamples.SentAt).Error.Should().BeNull(example.ToJsonString());
            var type = WireNames.EventTypes[example["type"]!.GetValue<string>()];
            SchemaProblems(example, schemas[IOC.Web.Apis.EventsOpenApi.SchemaName(type)]!.AsObject()).Should().BeEmpty(example.ToJsonString());
        }
    }

    [Fact]
    public async Task TheSchemaRefusesWhatTheParserRefuses()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!;
        var schema = schemas["DossierReceivedEvent"]!.AsObject();
        var good = EventExamples.Of(EventType.DossierReceived);

        var problems = new[]
        {
            SchemaProblems(Changed(good, "procedure", "=HYPERLINK(\"x\")"), schema),
            SchemaProblems(Changed(good, "dossierId", "=cmd"), schema),
            SchemaProblems(Changed(good, "unti", "00082"), schema),
            SchemaProblems(Changed(good, "channel", "fax"), schema),
        };

        problems.Should().AllSatisfy(p => p.Should().NotBeEmpty());
    }

    private static JsonObject Changed(JsonObject e, string field, string value)
    {
        var copy = e.DeepClone().AsObject();
        copy[field] = value;
        return copy;
    }

    /// <summary>The subset of JSON Schema the event schemas use: type, enum, pattern, lengths, bounds, required, no extra fields.</summary>
    private static List<string> SchemaProblems(JsonObject e, JsonObject schema)
    {
        var problems = new List<string>();
        var properties = schema["properties"]!.AsObject();
        problems.AddRange(schema["required"]!.AsArray().Select(r => r!.GetValue<string>()).Where(r => !e.ContainsKey(r)).Select(r => $"{r} missing"));
        foreach (var (name, value) in e)
        {
            if (properties[name] is not JsonObject field)
            {
                problems.Add($"{name} not allowed");
                continue;
            }

            var kind = value?.GetValueKind() ?? JsonValueKind.Null;
            var types = field["type"] is JsonArray list ? list.Select(t => t!.GetValue<string>()).ToList() : [field["type"]!.GetValue<string>()];
            var typeOk = kind switch
            {
                JsonValueKind.String => types.Contains("string"),
                JsonValueKind.Number => types.Contains("number") || types.Contains("integer"),
                JsonValueKind.True or JsonValueKind.False => types.Contains("boolean"),
                JsonValueKind.Null => types.Contains("null"),
                _ => false,
            };
            if (!typeOk)
            {
                problems.Add($"{name}: {kind} is not {string.Join("|", types)}");
                continue;
            }

            if (kind == JsonValueKind.String)
            {
                var text = value!.GetValue<string>();
                if (field["pattern"] is { } pattern && !Regex.IsMatch(text, pattern.GetValue<string>()))
                {
                    problems.Add($"{name}: pattern");
                }

                if (field["maxLength"] is { } max && text.Length > max.GetValue<int>())
                {
                    problems.Add($"{name}: maxLength");
                }

                if (field["enum"] is JsonArray values && !values.Any(v => v!.GetValue<string>() == text))
                {
                    problems.Add($"{name}: enum");
                }

                if (field["format"]?.GetValue<string>() == "date-time" && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, out _))
                {
                    problems.Add($"{name}: date-time");
                }
            }

            if (kind == JsonValueKind.Number && field["maximum"] is { } maximum && value!.GetValue<double>() > double.Parse(maximum.ToString(), CultureInfo.InvariantCulture))
            {
                problems.Add($"{name}: maximum");
            }
        }

        return problems;
    }

    private async Task<JsonObject> DocumentAsync() =>
        (await _factory.CreateClient().GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;

    private static IEnumerable<JsonNode> Nodes(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>().SelectMany(Nodes))
        {
            yield return child;
        }
    }
}
