using IOC.Ingestion;
using IOC.Ingestion.Inbox;
using IOC.Ingestion.Parsing;
using IOC.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IOC.Web.Apis;

public static partial class EventsApi
{
    /// <summary>What a 503 asks a producer to wait while the inbox store is down (a restart of PostgreSQL takes a few seconds).</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>What a 503 asks a producer to wait while the queue in front of the inbox is full (it drains in milliseconds).</summary>
    public const int BusyRetryAfterSeconds = 1;

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/events").WithTags("Events").AddEndpointFilter<ApiKeyFilter>().AddEndpointFilter<IOC.Web.Telemetry.IngestMetricsFilter>();
        api.MapPost("/", PostEvents)
            .WithName("PostEvents")
            .WithSummary("Ingest a batch of events (JSON array or NDJSON).")
            .WithDescription(
                "Valid events are stored durably before the 202; invalid ones are listed with their index and every field error. " +
                "Header X-Api-Key is required; an event outside the key's units or event types is rejected with field unit, agency or type. " +
                "Schema, rules and bounds: docs/events.md; keys: docs/security.md.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<Results<Accepted<IngestResponse>, ProblemHttpResult>> PostEvents(
        HttpRequest request, IngestionService ingestion, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("IOC.Web.Ingestion");
        if (EventsContentType.Check(request.ContentType) is { } unsupported)
        {
            LogRefused(logger, StatusCodes.Status415UnsupportedMediaType, unsupported);
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported Content-Type", detail: unsupported);
        }

        var limit = ingestion.Options.MaxBodyBytes;
        if (request.ContentLength > limit)
        {
            return TooLarge(logger, $"Body is {request.ContentLength} bytes; the limit is {limit} (Ingestion:MaxBodyBytes).");
        }

        using var body = await RequestBody.ReadAsync(request, limit, cancellationToken);
        if (body is null)
        {
            return TooLarge(logger, $"Body is larger than {limit} bytes (Ingestion:MaxBodyBytes).");
        }

        var ndjson = BatchReader.IsNdjson(request.ContentType);
        try
        {
            // Returns once the batch is committed (or refused): nothing holds the body after it.
            var result = await ingestion.IngestAsync(body.Memory, ndjson, ApiKeyFilter.ScopeOf(request.HttpContext), cancellationToken);
            LogIngested(logger, result.Accepted, result.Duplicates, result.Rejected.Count, ndjson ? "ndjson" : "json", body.Memory.Length);
            return TypedResults.Accepted((string?)null, IngestResponse.From(result));
        }
        catch (InboxUnavailableException ex)
        {
            // Nothing was acknowledged: the producer retries (here or on another node) and the inbox dedupes by id.
            LogRefused(logger, StatusCodes.Status503ServiceUnavailable, ex.Message);
            request.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Inbox store unavailable",
                detail: ex.Message + $" Nothing of this batch was acknowledged; retry after {RetryAfterSeconds} s.",
                extensions: new Dictionary<string, object?> { ["store"] = ex.Store });
        }
        catch (IngestionBusyException ex)
        {
            // The queue in front of the inbox is full (group commit, Ingestion:MaxQueuedEvents): nothing was kept.
            LogRefused(logger, StatusCodes.Status503ServiceUnavailable, ex.Message);
            request.HttpContext.Response.Headers.RetryAfter = BusyRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Ingestion busy",
                detail: ex.Message + $" Nothing of this batch was kept; retry after {BusyRetryAfterSeconds} s.");
        }
        catch (BatchRejectedException ex) when (ex.Kind == BatchRejection.TooLarge)
        {
            return TooLarge(logger, ex.Message);
        }
        catch (BatchRejectedException ex)
        {
            LogRefused(logger, StatusCodes.Status400BadRequest, ex.Message);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Unreadable batch",
                detail: ex.Message + " Nothing of this batch was kept.",
                extensions: Where(ex.Location));
        }
    }

    /// <summary>The place of a broken body as problem members: byteOffset, line and item (0-based), when known.</summary>
    private static Dictionary<string, object?> Where(BodyLocation? location)
    {
        var members = new Dictionary<string, object?>();
        if (location?.ByteOffset is { } offset)
        {
            members["byteOffset"] = offset;
        }

        if (location?.Line is { } line)
        {
            members["line"] = line;
        }

        if (location?.Item is { } item)
        {
            members["item"] = item;
        }

        return members;
    }

    private static ProblemHttpResult TooLarge(ILogger logger, string reason)
    {
        LogRefused(logger, StatusCodes.Status413PayloadTooLarge, reason);
        return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Batch too large", detail: reason + " Nothing of this batch was kept; split it.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingested batch: {Accepted} accepted, {Duplicates} duplicates, {Rejected} rejected ({Format}, {Bytes} bytes)")]
    private static partial void LogIngested(ILogger logger, int accepted, int duplicates, int rejected, string format, int bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch refused with {Status}: {Reason}")]
    private static partial void LogRefused(ILogger logger, int status, string reason);
}

/// <summary>The answer to a batch: how many were kept, how many were repeats, and every problem of the others.</summary>
public sealed record IngestResponse(int Accepted, int Duplicates, IReadOnlyList<RejectedItem> Rejected)
{
    public static IngestResponse From(IngestResult result) => new(
        result.Accepted,
        result.Duplicates,
        result.Rejected.Select(e => new RejectedItem(e.Index, e.Id, e.Field, e.Reason, e.Errors.Select(f => new RejectedField(f.Field, f.Reason)).ToList())).ToList());
}

/// <summary>One rejected item. <see cref="Field"/> and <see cref="Reason"/> are its first problem; <see cref="Errors"/> has them all.</summary>
public sealed record RejectedItem(int Index, string? Id, string Field, string Reason, IReadOnlyList<RejectedField> Errors);

public sealed record RejectedField(string Field, string Reason);
