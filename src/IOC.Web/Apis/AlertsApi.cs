using IOC.Access.Audit;
using IOC.Access.Authorization;
using IOC.Alerts.Actions;
using IOC.Alerts.Live;
using IOC.Alerts.Storage;
using IOC.Domain.Units;
using IOC.Grains.Alerts.Evaluation;
using IOC.Grains.Alerts.Rules;
using IOC.Reports.Tables;
using IOC.Web.Exports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IOC.Web.Apis;

/// <summary>Acknowledging an instance: who, and an optional note.</summary>
public sealed record AckRequest(string? By, string? Note);

/// <summary>A rule to add or change, and who does it.</summary>
public sealed record RuleRequest(string? By, AlertRuleDraft? Rule);

/// <summary>Who enables or disables a rule, or ends a silence.</summary>
public sealed record ByRequest(string? By);

/// <summary>A recorded change as the history API lists it.</summary>
public sealed record AlertHistoryDto(long Seq, DateTimeOffset At, string Change, string From, AlertDto Alert);

/// <summary>A silence as the API lists it.</summary>
public sealed record SilenceDto(string Id, string? RuleId, string? UnitLevel, string? UnitCode, DateTimeOffset From, DateTimeOffset Until, string Reason, string By, DateTimeOffset? EndedAt, string? EndedBy, bool Active)
{
    public static SilenceDto Of(AlertSilence s, DateTimeOffset now) =>
        new(s.Id, s.RuleId, s.Unit?.Level.ToWire(), s.Unit?.Code, s.From, s.Until, s.Reason, s.By, s.EndedAt, s.EndedBy, s.ActiveAt(now));
}

/// <summary>Query of the alert history; every filter optional.</summary>
public sealed record AlertHistoryArgs(
    [property: FromQuery(Name = "unit")] string? Unit,
    [property: FromQuery(Name = "rule")] string? Rule,
    [property: FromQuery(Name = "severity")] string? Severity,
    [property: FromQuery(Name = "from")] DateTimeOffset? From,
    [property: FromQuery(Name = "to")] DateTimeOffset? To,
    [property: FromQuery(Name = "limit")] int? Limit,
    [property: FromQuery(Name = "format")] string? Format,
    [property: FromQuery(Name = "lang")] string? Lang);

/// <summary>The alerts API (docs/alerts.md): instances, their history, acknowledgements, rules and silences.</summary>
public static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        // Mapped under the viewer policy (Program.cs): reading is for every role; acting on an alert is the duty
        // officer's, the history download an analyst's, rules and webhooks the admin's (docs/security.md).
        var api = app.MapGroup("/api/v1/alerts").WithTags("Alerts");
        api.AddEndpointFilter(StoreDownFilter);
        api.MapGet("/", (AlertBoard board, UnitCatalog units) => TypedResults.Ok(board.Alerts.Select(a => AlertDto.From(a, units)).ToList()))
            .WithName("GetAlerts").WithSummary("Every alert instance that is not normal now (pending, firing, recovering, no data), firing and most severe first.");
        api.MapGet("/history", History)
            .WithName("GetAlertHistory").WithSummary("Recorded changes of alert instances, newest first: filter by unit (ward:00082), rule, severity and period; format=csv for a download.")
            .RequireAuthorization(AccessPolicies.Analyst);
        api.MapPost("/{id}/ack", Acknowledge)
            .WithName("AcknowledgeAlert").WithSummary("Acknowledges an instance's current episode (who, a note); recorded in the history.")
            .RequireAuthorization(AccessPolicies.Duty);
        api.MapGet("/rules", (AlertActions actions) => TypedResults.Ok(actions.Config.Rules.Select(AlertRuleDraft.From).ToList()))
            .WithName("GetAlertRules").WithSummary("Every alert rule, enabled or not, in the words of seed-data/alert-rules.csv.");
        api.MapPost("/rules", (RuleRequest body, AlertActions actions) => PutRule(body, null, actions))
            .WithName("AddAlertRule").WithSummary("Adds a rule; every wrong field is named in the answer.")
            .RequireAuthorization(AccessPolicies.Admin);
        api.MapPut("/rules/{id}", (string id, RuleRequest body, AlertActions actions) => PutRule(body, id, actions))
            .WithName("ChangeAlertRule").WithSummary("Changes a rule (the whole rule); its instances are judged by the new rule from the next tick.")
            .RequireAuthorization(AccessPolicies.Admin);
        api.MapPost("/rules/{id}/disable", (string id, ByRequest body, AlertActions actions) => SetEnabled(id, false, body, actions))
            .WithName("DisableAlertRule").WithSummary("Disables a rule: its instances end (a firing one is resolved).")
            .RequireAuthorization(AccessPolicies.Admin);
        api.MapPost("/rules/{id}/enable", (string id, ByRequest body, AlertActions actions) => SetEnabled(id, true, body, actions))
            .WithName("EnableAlertRule").WithSummary("Enables a rule again.")
            .RequireAuthorization(AccessPolicies.Admin);
        api.MapGet("/silences", (AlertActions actions, TimeProvider time) => TypedResults.Ok(actions.Config.Silences.Select(s => SilenceDto.Of(s, time.GetUtcNow())).ToList()))
            .WithName("GetAlertSilences").WithSummary("Silences running or ended within the last day.");
        api.MapPost("/silences", Silence)
            .WithName("AddAlertSilence").WithSummary("Silences a rule, a unit or a rule at a unit for some minutes, with a reason: still evaluated and recorded, not notified nor on the wallboard's strip.")
            .RequireAuthorization(AccessPolicies.Duty);
        api.MapGet("/webhooks/dead-letters", (IAlertStore store) => TypedResults.Ok(store.DeadLetters()))
            .WithName("GetAlertWebhookDeadLetters").WithSummary("Webhook deliveries given up after their last try (where, how often, why, the body), newest first.")
            .RequireAuthorization(AccessPolicies.Admin);
        api.MapPost("/silences/{id}/end", EndSilence)
            .WithName("EndAlertSilence").WithSummary("Ends a silence early.")
            .RequireAuthorization(AccessPolicies.Duty);
        return app;
    }

    private static async Task<Results<Ok<AlertDto>, NotFound<ProblemDetails>, ValidationProblem>> Acknowledge(
        string id, AckRequest body, AlertActions actions, UnitCatalog units, IAuditLog audit, HttpContext http)
    {
        var result = await actions.AcknowledgeAsync(id, body.By, body.Note);
        if (result.Ok)
        {
            await audit.WriteAsync(http, AuditActions.AlertAcknowledged, $"alert {id}", AlertAudit.Acknowledged(body.By, body.Note));
        }

        return result switch
        {
            { NotFound: true } => NotFound($"No pending or firing alert '{id}' to acknowledge."),
            { Ok: false } => Invalid(result.Errors),
            _ => TypedResults.Ok(AlertDto.From(result.Value!, units)),
        };
    }

    private static async Task<Results<Ok<AlertRuleDraft>, Created<AlertRuleDraft>, NotFound<ProblemDetails>, ValidationProblem>> PutRule(
        RuleRequest body, string? id, AlertActions actions)
    {
        if (body.Rule is null)
        {
            return Invalid([new RuleError("rule", "is required: the rule's fields")]);
        }

        if (id is not null && body.Rule.Id is { } bodyId && bodyId != id)
        {
            return Invalid([new RuleError("id", $"'{bodyId}' differs from the rule in the address ('{id}')")]);
        }

        var draft = id is null ? body.Rule : body.Rule with { Id = id };
        var result = await actions.PutRuleAsync(draft, body.By, isNew: id is null);
        return result switch
        {
            { NotFound: true } => NotFound($"No alert rule '{id}'."),
            { Ok: false } => Invalid(result.Errors),
            _ when id is null => TypedResults.Created($"/api/v1/alerts/rules/{result.Value!.Id}", AlertRuleDraft.From(result.Value!)),
            _ => TypedResults.Ok(AlertRuleDraft.From(result.Value!)),
        };
    }

    private static async Task<Results<Ok<AlertRuleDraft>, NotFound<ProblemDetails>, ValidationProblem>> SetEnabled(
        string id, bool enabled, ByRequest body, AlertActions actions)
    {
        var result = await actions.SetEnabledAsync(id, enabled, body.By);
        return result switch
        {
            { NotFound: true } => NotFound($"No alert rule '{id}'."),
            { Ok: false } => Invalid(result.Errors),
            _ => TypedResults.Ok(AlertRuleDraft.From(result.Value!)),
        };
    }

    private static async Task<Results<Created<SilenceDto>, ValidationProblem>> Silence(SilenceRequest body, AlertActions actions, TimeProvider time, IAuditLog audit, HttpContext http)
    {
        var result = await actions.SilenceAsync(body);
        if (result.Ok)
        {
            await audit.WriteAsync(http, AuditActions.AlertSilenced, $"silence {result.Value!.Id}", AlertAudit.Silenced(result.Value!));
        }

        return result.Ok
            ? TypedResults.Created($"/api/v1/alerts/silences/{result.Value!.Id}", SilenceDto.Of(result.Value!, time.GetUtcNow()))
            : Invalid(result.Errors);
    }

    private static async Task<Results<Ok<SilenceDto>, NotFound<ProblemDetails>, ValidationProblem>> EndSilence(
        string id, ByRequest body, AlertActions actions, TimeProvider time, IAuditLog audit, HttpContext http)
    {
        var result = await actions.EndSilenceAsync(id, body.By);
        if (result.Ok)
        {
            await audit.WriteAsync(http, AuditActions.AlertSilenceEnded, $"silence {id}", $"by '{body.By}'");
        }

        return result switch
        {
            { NotFound: true } => NotFound($"No running silence '{id}'."),
            { Ok: false } => Invalid(result.Errors),
            _ => TypedResults.Ok(SilenceDto.Of(result.Value!, time.GetUtcNow())),
        };
    }

    private static IResult History([AsParameters] AlertHistoryArgs args, IAlertStore store, UnitCatalog units)
    {
        var errors = new List<RuleError>();
        UnitKey? unit = null;
        if (!string.IsNullOrEmpty(args.Unit))
        {
            var parts = args.Unit.Split(':');
            if (parts.Length == 2 && UnitLevelNames.TryParse(parts[0], out var level) && units.Find(new UnitKey(level, parts[1])) is not null)
            {
                unit = new UnitKey(level, parts[1]);
            }
            else
            {
                errors.Add(new RuleError("unit", $"'{args.Unit}' is not a unit such as city:01, ward:00082 or agency:VP-UBND"));
            }
        }

        AlertSeverity? severity = null;
        if (!string.IsNullOrEmpty(args.Severity))
        {
            if (AlertWords.TryParseSeverity(args.Severity, out var parsed))
            {
                severity = parsed;
            }
            else
            {
                errors.Add(new RuleError("severity", $"'{args.Severity}' is not one of info, warning, critical"));
            }
        }

        if (args.From is { } from && args.To is { } to && to <= from)
        {
            errors.Add(new RuleError("to", "must be after 'from'"));
        }

        if (args.Limit is < 1 or > 10_000)
        {
            errors.Add(new RuleError("limit", "must be 1 to 10000"));
        }

        var (format, formatError) = HistoryArgParser.Format(args.Format);
        var (language, langError) = HistoryArgParser.Lang(args.Lang);
        foreach (var bad in new[] { formatError, langError }.OfType<BadArg>())
        {
            errors.Add(new RuleError(bad.Field, bad.Reason));
        }

        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var entries = store.History(new AlertHistoryFilter(unit, string.IsNullOrEmpty(args.Rule) ? null : args.Rule, severity, args.From, args.To, args.Limit ?? 1000));
        var list = entries.Select(e => new AlertHistoryDto(e.Seq, e.At, ChangeWord(e), e.From.ToWire(), AlertDto.From(e.Alert, units))).ToList();
        return Export.Answer(list, format, language, l => HistoryBook(list, l));
    }

    private static string ChangeWord(AlertHistoryEntry e) => e.Kind switch
    {
        AlertChangeKind.Transition => e.Alert.State.ToWire(),
        AlertChangeKind.Acknowledged => "acknowledged",
        AlertChangeKind.Silenced => "silenced",
        AlertChangeKind.Unsilenced => "unsilenced",
        AlertChangeKind.Removed => "removed",
        _ => "figures",
    };

    private static ExportBook HistoryBook(IReadOnlyList<AlertHistoryDto> list, ExportLanguage l) => new(
        "lich-su-canh-bao",
        [new ExportTable(l.Pick("Lịch sử cảnh báo", "Alert history"),
            [
                l.Pick("Thời điểm", "At"), l.Pick("Thay đổi", "Change"), l.Pick("Từ trạng thái", "From"), l.Pick("Mức độ", "Severity"),
                l.Pick("Quy tắc", "Rule"), l.Pick("Đơn vị", "Unit"), l.Pick("Nội dung", "Sentence"), l.Pick("Người xác nhận", "Acknowledged by"),
                l.Pick("Ghi chú", "Note"),
            ],
            list.Select(e => new object?[]
            {
                e.At, e.Change, e.From, e.Alert.Severity, l.Pick(e.Alert.RuleNameVi, e.Alert.RuleNameEn), e.Alert.UnitName,
                l.Pick(e.Alert.SentenceVi, e.Alert.SentenceEn), e.Alert.Ack?.By, e.Alert.Ack?.Note,
            }).ToList())],
        l);

    /// <summary>Seconds a client waits before trying an alert action again while the alert store is down.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>
    /// The alert store cannot be reached (a cluster's PostgreSQL down): 503 with Retry-After and the store's name, and
    /// nothing done (the actions check the store before they change anything). Reading the board still works: it is
    /// this host's memory.
    /// </summary>
    private static async ValueTask<object?> StoreDownFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (AlertStoreUnavailableException.Find(ex) is { } down)
        {
            context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Alert store unavailable",
                detail: $"{down.Message} Nothing was changed; try again after {RetryAfterSeconds} s.",
                extensions: new Dictionary<string, object?> { ["store"] = down.Store });
        }
    }

    private static NotFound<ProblemDetails> NotFound(string detail) =>
        TypedResults.NotFound(new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = detail });

    private static ValidationProblem Invalid(IReadOnlyList<RuleError> errors) => TypedResults.ValidationProblem(
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray()),
        title: "Invalid alert request",
        detail: string.Join("; ", errors.Select(e => $"{e.Field}: {e.Reason}")));
}
