using IOC.Alerts.Live;
using IOC.Alerts.Storage;
using IOC.Domain.Units;
using IOC.Grains.Alerts.Evaluation;
using IOC.Grains.Alerts.Grains;
using IOC.Grains.Alerts.Interfaces;
using IOC.Grains.Alerts.Rules;
using IOC.Grains.Interfaces;
using Orleans;

namespace IOC.Alerts.Actions;

/// <summary>The outcome of an action: done (with what it made), not found, or refused with every field that is wrong.</summary>
public sealed record ActionResult<T>(T? Value, IReadOnlyList<RuleError> Errors, bool NotFound = false)
{
    public bool Ok => Errors.Count == 0 && !NotFound;

    public static ActionResult<T> Done(T value) => new(value, []);

    public static ActionResult<T> Missing() => new(default, [], true);

    public static ActionResult<T> Refused(IReadOnlyList<RuleError> errors) => new(default, errors);

    public static ActionResult<T> Refused(string field, string reason) => new(default, [new RuleError(field, reason)]);
}

/// <summary>A silence as asked for (the API's body, the page's form).</summary>
public sealed record SilenceRequest(string? RuleId, string? UnitLevel, string? UnitCode, int? Minutes, string? Reason, string? By);

/// <summary>
/// What a duty officer or an administrator does to alerts, for the API and the pages alike: acknowledge an instance
/// (through the grain that owns it), add, change and disable rules, start and end silences. Every action names who did
/// it and is audited; this host's board and rule copy take the result at once. While the alert store cannot be reached
/// every action throws <see cref="AlertStoreUnavailableException"/> before it changes anything.
/// </summary>
public sealed class AlertActions(
    IGrainFactory grains,
    UnitCatalog units,
    AlertRuleChecker checker,
    AlertConfigCache cache,
    AlertBoard board,
    IAlertStore store,
    TimeProvider time)
{
    public const int MaxSilenceMinutes = 30 * 24 * 60;

    public AlertConfig Config => cache.Current;

    public async Task<ActionResult<AlertView>> AcknowledgeAsync(string id, string? by, string? note)
    {
        if (!AlertView.TryParseId(id, out var ruleId, out var unit) || units.Find(unit) is null)
        {
            return ActionResult<AlertView>.Missing();
        }

        if (Who(by) is not { } who)
        {
            return ActionResult<AlertView>.Refused("by", "is required: who acknowledges");
        }

        if (note?.Length > 500)
        {
            return ActionResult<AlertView>.Refused("note", "is longer than 500 characters");
        }

        if (grains.AlertOwner(unit) is not { } owner)
        {
            return ActionResult<AlertView>.Missing();
        }

        await EnsureStoreAsync();

        if (await owner.Acknowledge(ruleId, who, string.IsNullOrWhiteSpace(note) ? null : note.Trim()) is not { } view)
        {
            return ActionResult<AlertView>.Missing();
        }

        board.Apply([new AlertChange(AlertChangeKind.Acknowledged, view.Ack!.At, view, view.State)]);
        return ActionResult<AlertView>.Done(view);
    }

    /// <summary>Adds a rule (<paramref name="isNew"/>: its id must be free) or changes the one with the draft's id.</summary>
    public async Task<ActionResult<AlertRule>> PutRuleAsync(AlertRuleDraft draft, string? by, bool isNew)
    {
        var (rule, errors) = checker.Check(draft);
        var who = Who(by);
        if (who is null)
        {
            errors = [.. errors, new RuleError("by", "is required: who changes the rules")];
        }

        if (rule is null || who is null)
        {
            return ActionResult<AlertRule>.Refused(errors);
        }

        var exists = await ConfigGrain.Get() is { } config && config.Rule(rule.Id) is not null;
        if (isNew && exists)
        {
            return ActionResult<AlertRule>.Refused("id", $"a rule '{rule.Id}' exists already: change it with PUT /api/v1/alerts/rules/{rule.Id}");
        }

        if (!isNew && !exists)
        {
            return ActionResult<AlertRule>.Missing();
        }

        await EnsureStoreAsync();

        cache.Update(await ConfigGrain.PutRule(rule));
        store.Audit(new AlertAuditEntry(time.GetUtcNow(), who, isNew ? "rule.add" : "rule.change", rule.Id, Json(AlertRuleDraft.From(rule))));
        return ActionResult<AlertRule>.Done(rule);
    }

    public async Task<ActionResult<AlertRule>> SetEnabledAsync(string ruleId, bool enabled, string? by)
    {
        if ((await ConfigGrain.Get()).Rule(ruleId) is not { } rule)
        {
            return ActionResult<AlertRule>.Missing();
        }

        if (Who(by) is not { } who)
        {
            return ActionResult<AlertRule>.Refused("by", "is required: who changes the rules");
        }

        await EnsureStoreAsync();
        var changed = rule with { Enabled = enabled };
        cache.Update(await ConfigGrain.PutRule(changed));
        store.Audit(new AlertAuditEntry(time.GetUtcNow(), who, enabled ? "rule.enable" : "rule.disable", ruleId, ""));
        return ActionResult<AlertRule>.Done(changed);
    }

    public async Task<ActionResult<AlertSilence>> SilenceAsync(SilenceRequest request)
    {
        var errors = new List<RuleError>();
        var config = await ConfigGrain.Get();
        var ruleId = string.IsNullOrWhiteSpace(request.RuleId) ? null : request.RuleId.Trim();
        if (ruleId is not null && config.Rule(ruleId) is null)
        {
            errors.Add(new RuleError("ruleId", $"no rule '{ruleId}' (GET /api/v1/alerts/rules lists them)"));
        }

        UnitKey? unit = null;
        if (!string.IsNullOrWhiteSpace(request.UnitCode) || !string.IsNullOrWhiteSpace(request.UnitLevel))
        {
            if (!UnitLevelNames.TryParse(request.UnitLevel?.Trim(), out var level) || level == UnitLevel.Direct)
            {
                errors.Add(new RuleError("unitLevel", $"'{request.UnitLevel}' is not city, ward or agency"));
            }
            else if (units.Find(new UnitKey(level, request.UnitCode?.Trim() ?? "")) is null)
            {
                errors.Add(new RuleError("unitCode", $"no {level.ToWire()} with code '{request.UnitCode}'"));
            }
            else
            {
                unit = new UnitKey(level, request.UnitCode!.Trim());
            }
        }

        if (ruleId is null && unit is null && errors.Count == 0)
        {
            errors.Add(new RuleError("ruleId", "a silence needs a rule, a unit, or both"));
        }

        if (request.Minutes is not { } minutes || minutes < 1 || minutes > MaxSilenceMinutes)
        {
            errors.Add(new RuleError("minutes", $"is required: 1 to {MaxSilenceMinutes} (30 days)"));
        }

        var reason = request.Reason?.Trim() ?? "";
        if (reason.Length is 0 or > 500)
        {
            errors.Add(new RuleError("reason", reason.Length == 0 ? "is required: why the alerts are silenced" : "is longer than 500 characters"));
        }

        var who = Who(request.By);
        if (who is null)
        {
            errors.Add(new RuleError("by", "is required: who silences"));
        }

        if (errors.Count > 0)
        {
            return ActionResult<AlertSilence>.Refused(errors);
        }

        await EnsureStoreAsync();
        var now = time.GetUtcNow();
        var silence = new AlertSilence(Guid.NewGuid().ToString("N")[..12], ruleId, unit, now, now.AddMinutes(request.Minutes!.Value), reason, who!);
        cache.Update(await ConfigGrain.AddSilence(silence));
        store.Audit(new AlertAuditEntry(now, who!, "silence.add", silence.Id, Json(silence)));
        return ActionResult<AlertSilence>.Done(silence);
    }

    public async Task<ActionResult<AlertSilence>> EndSilenceAsync(string id, string? by)
    {
        if (Who(by) is not { } who)
        {
            return ActionResult<AlertSilence>.Refused("by", "is required: who ends the silence");
        }

        await EnsureStoreAsync();

        var now = time.GetUtcNow();
        var config = await ConfigGrain.EndSilence(id, who, now);
        if (config.Silences.FirstOrDefault(s => s.Id == id && s.EndedBy == who && s.EndedAt == now) is not { } ended)
        {
            return ActionResult<AlertSilence>.Missing();
        }

        cache.Update(config);
        store.Audit(new AlertAuditEntry(now, who, "silence.end", id, ""));
        return ActionResult<AlertSilence>.Done(ended);
    }

    /// <summary>
    /// A person's action is recorded before it is answered; when the store cannot be reached now, nothing is done and
    /// <see cref="AlertStoreUnavailableException"/> tells the API (503) and the page (a message) to say so. (Changes the
    /// grains make by themselves are kept by the writer until the store is back; a person can simply try again.)
    /// </summary>
    private Task EnsureStoreAsync() => store.PingAsync(CancellationToken.None);

    private IAlertConfigGrain ConfigGrain => grains.GetGrain<IAlertConfigGrain>(0);

    private static string? Who(string? by) => string.IsNullOrWhiteSpace(by) || by.Length > 100 ? null : by.Trim();

    private static string Json<T>(T value) => AlertJson.Write(value);
}
