using IOC.Ingestion;
using IOC.Ingestion.Parsing;
using IOC.Web.Security;

namespace IOC.Web.Apis;

public static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/events").WithTags("Events").AddEndpointFilter<ApiKeyFilter>().AddEndpointFilter<IOC.Web.Telemetry.IngestMetricsFilter>();
        api.MapPost("/", PostEvents)
            .WithName("PostEvents")
            .WithSummary("Ingest a batch of events (JSON array or NDJSON).")
            .WithDescription("Valid events are stored durably before the 202; invalid ones are listed with index, field and reason. Header X-Api-Key is required.")
            .Accepts<object[]>("application/json", "application/x-ndjson")
            .Produces<IngestResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return app;
    }

    private static async Task<IResult> PostEvents(HttpRequest request, IngestionService ingestion, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("IOC.Web.Ingestion");
        var limit = ingestion.Options.MaxBodyBytes;
        if (request.ContentLength > limit)
        {
            return TooLarge($"Body is {request.ContentLength} bytes; the limit is {limit} (Ingestion:MaxBodyBytes).");
        }

        var body = await RequestBody.ReadAsync(request, limit, cancellationToken);
        if (body is null)
        {
            return TooLarge($"Body is larger than {limit} bytes (Ingestion:MaxBodyBytes).");
        }

        var ndjson = BatchReader.IsNdjson(request.ContentType);
        try
        {
            var result = await ingestion.IngestAsync(body.Value, ndjson, cancellationToken);
            logger.LogInformation(
                "Ingested batch: {Accepted} accepted, {Duplicates} duplicates, {Rejected} rejected ({Format:l}, {Bytes} bytes)",
                result.Accepted, result.Duplicates, result.Rejected.Count, ndjson ? "ndjson" : "json", body.Value.Length);
            return Results.Json(IngestResponse.From(result), statusCode: StatusCodes.Status202Accepted);
        }
        catch (BatchRejectedException ex) when (ex.Kind == BatchRejection.TooLarge)
        {
            logger.LogWarning("Batch refused as too large: {Reason}", ex.Message);
            return TooLarge(ex.Message);
        }
        catch (BatchRejectedException ex)
        {
            logger.LogWarning("Batch refused as unreadable: {Reason}", ex.Message);
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unreadable batch", detail: ex.Message + " Nothing of this batch was kept.");
        }
    }

    private static IResult TooLarge(string reason) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Batch too large", detail: reason + " Nothing of this batch was kept; split it.");
}

public sealed record IngestResponse(int Accepted, int Duplicates, IReadOnlyList<RejectedItem> Rejected)
{
    public static IngestResponse From(IngestResult result) => new(
        result.Accepted,
        result.Duplicates,
        result.Rejected.Select(e => new RejectedItem(e.Index, e.Id, e.Field, e.Reason)).ToList());
}

public sealed record RejectedItem(int Index, string? Id, string Field, string Reason);
