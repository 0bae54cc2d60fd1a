using System.Globalization;
using System.Text.Json.Nodes;
using IOC.Domain.Events;
using IOC.Domain.Units;
using IOC.Ingestion;
using IOC.Ingestion.Parsing;
using IOC.Web.Security;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace IOC.Web.Apis;

/// <summary>
/// The producer contract in /openapi/v1.json: an event schema per type (built from <see cref="EventSchema"/>, the
/// table the parser checks against), <c>Event</c> as their oneOf with a discriminator on <c>type</c>, the request
/// body of <c>PostEvents</c> with an example of each type, and the X-Api-Key scheme it requires.
/// </summary>
public sealed class EventsOpenApi(UnitCatalog units, IOptions<IngestionOptions> ingestion) : IOpenApiDocumentTransformer
{
    public const string SchemeName = "ApiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var operation = document.Paths?.Values
            .SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            .FirstOrDefault(o => o.OperationId == "PostEvents");
        if (operation is null)
        {
            return Task.CompletedTask;
        }

        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        var schemas = document.Components.Schemas;
        foreach (var type in WireNames.EventTypes.Values)
        {
            schemas[SchemaName(type)] = TypeSchema(type);
        }

        schemas["Event"] = new OpenApiSchema
        {
            Description = "One event. The type field selects the schema; no other field is allowed. Rules and bounds: docs/events.md.",
            OneOf = [.. WireNames.EventTypes.Values.Select(t => (IOpenApiSchema)new OpenApiSchemaReference(SchemaName(t), document))],
            Discriminator = new OpenApiDiscriminator
            {
                PropertyName = "type",
                Mapping = WireNames.EventTypes.ToDictionary(p => p.Key, p => new OpenApiSchemaReference(SchemaName(p.Value), document)),
            },
        };
        schemas["EventBatch"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Description = "A batch of events; invalid items are rejected one by one while the others are kept.",
            Items = new OpenApiSchemaReference("Event", document),
            MaxItems = ingestion.Value.MaxEventsPerRequest,
        };

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = $"At most {ingestion.Value.MaxEventsPerRequest} events and {ingestion.Value.MaxBodyBytes} bytes, UTF-8.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [EventsContentType.Json] = new()
                {
                    Schema = new OpenApiSchema { OneOf = [new OpenApiSchemaReference("EventBatch", document), new OpenApiSchemaReference("Event", document)] },
                    Examples = WireNames.EventTypes.ToDictionary(
                        p => p.Key,
                        p => (IOpenApiExample)new OpenApiExample { Summary = $"A batch of one {p.Key}", Value = new JsonArray(EventExamples.Of(p.Value)) }),
                },
                [EventsContentType.Ndjson] = new()
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "One Event object per line (NDJSON); blank lines are skipped." },
                    Example = JsonValue.Create(string.Join('\n', EventExamples.Json.Values) + "\n"),
                },
            },
        };

        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyValidator.HeaderName,
            Description = "A producer key; the server keeps only its SHA-256 digest (Ingestion:ApiKeys).",
        };
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] }];
        return Task.CompletedTask;
    }

    public static string SchemaName(EventType type) => type switch
    {
        EventType.HotlineCall => "HotlineCallEvent",
        EventType.HotlineTicketOpened => "HotlineTicketOpenedEvent",
        EventType.HotlineTicketResolved => "HotlineTicketResolvedEvent",
        EventType.DossierReceived => "DossierReceivedEvent",
        EventType.DossierCompleted => "DossierCompletedEvent",
        EventType.SurveyResponse => "SurveyResponseEvent",
        EventType.DocumentProcessed => "DocumentProcessedEvent",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private OpenApiSchema TypeSchema(EventType type)
    {
        var fields = EventSchema.Fields(type).ToList();
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = $"{type.ToWire()}: {Describe(type)} Each event needs unit or agency (or both).",
            Properties = fields.ToDictionary(f => f.Name, f => (IOpenApiSchema)FieldSchema(f, type)),
            Required = new HashSet<string>(fields.Where(f => f.Required).Select(f => f.Name)),
            AdditionalPropertiesAllowed = false,
            Examples = [EventExamples.Of(type)],
        };
        return schema;
    }

    private OpenApiSchema FieldSchema(FieldSpec field, EventType type)
    {
        var schema = new OpenApiSchema { Description = field.Description };
        switch (field.Kind)
        {
            case FieldKind.Id or FieldKind.Code or FieldKind.Text:
                schema.Type = JsonSchemaType.String;
                schema.MinLength = 1;
                schema.MaxLength = field.MaxLength;
                schema.Pattern = field.Pattern;
                if (field.Name == "agency")
                {
                    schema.Enum = [.. units.Agencies.Select(a => (JsonNode)JsonValue.Create(a.Code))];
                }

                break;
            case FieldKind.Timestamp:
                schema.Type = JsonSchemaType.String;
                schema.Format = "date-time";
                schema.MaxLength = EventRules.MaxTimestampLength;
                break;
            case FieldKind.Boolean:
                schema.Type = field.Nullable ? JsonSchemaType.Boolean | JsonSchemaType.Null : JsonSchemaType.Boolean;
                break;
            case FieldKind.Seconds:
                schema.Type = JsonSchemaType.Number;
                schema.Minimum = "0";
                schema.Maximum = field.Maximum!.Value.ToString(CultureInfo.InvariantCulture);
                break;
            case FieldKind.Enum:
                schema.Type = JsonSchemaType.String;
                var values = field.Name == "type" ? [type.ToWire()] : field.Values;
                schema.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
                break;
        }

        return schema;
    }

    private static string Describe(EventType type) => type switch
    {
        EventType.HotlineCall => "one call to the citizen hotline.",
        EventType.HotlineTicketOpened => "a feedback ticket (PAKN) opened.",
        EventType.HotlineTicketResolved => "a feedback ticket resolved.",
        EventType.DossierReceived => "an administrative dossier received.",
        EventType.DossierCompleted => "a dossier's result ready.",
        EventType.SurveyResponse => "one satisfaction survey answer.",
        EventType.DocumentProcessed => "one document or work file an agency processed.",
        _ => "",
    };
}
