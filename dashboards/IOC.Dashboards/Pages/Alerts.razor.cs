using System.Security.Claims;
using IOC.Access.Audit;
using IOC.Access.Authorization;
using IOC.Alerts.Actions;
using IOC.Alerts.Live;
using IOC.Alerts.Storage;
using IOC.Alerts.Writing;
using IOC.Dashboards.Localization;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Grains.Alerts.Evaluation;
using IOC.Grains.Alerts.Rules;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IOC.Dashboards.Pages;

/// <summary>
/// The duty officer's page: every alert not normal, grouped (firing, acknowledged, pending, silenced, no data), kept
/// live from this host's alert board; acknowledge and silence from the page (the name typed once, recorded in the log);
/// running silences; the history with filters and its CSV download. The history is re-read when this host's writer has
/// stored changes (the board hears of them first) and every <see cref="HistoryCatchUp"/> for changes another cluster
/// node stored.
/// </summary>
public sealed partial class Alerts : IDisposable
{
    private const int HistoryRows = 100;

    private static readonly TimeSpan HistoryCatchUp = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _closed = new();
    private IDisposable? _subscription;
    private IDisposable? _recorded;
    private IReadOnlyList<AlertView> _alerts = [];
    private IReadOnlyList<AlertHistoryEntry> _history = [];
    private IReadOnlyList<WebhookDeadLetter> _deadLetters = [];
    private string? _acking;
    private string? _silencing;
    private string? _who;
    private string? _note;
    private string? _reason;
    private int _minutes = 60;
    private string? _error;

    // An action was done but its audit line could not be written (the access store down): said apart from _error,
    // which says an action was not done.
    private string? _auditError;

    // One action at a time: a second press while the first is still waiting on the store would answer after it, and
    // its refusal (the store still reconnecting) would then stand under an alert the first press had acknowledged.
    private bool _busy;

    // Where the alert store is, while it cannot be read (a cluster's PostgreSQL down): the history and the dead letters
    // are not shown, and the page says why instead of failing.
    private string? _storeDown;

    // Acting on alerts is the duty officer's (and the admin's); everyone else who may see them reads only.
    private bool _mayAct;

    [Inject] public required AlertBoard Board { get; set; }

    [Inject] public required AlertActions Actions { get; set; }

    [Inject] public required IAlertStore Store { get; set; }

    [Inject] public required AlertWriter Writer { get; set; }

    [Inject] public required UnitCatalog Units { get; set; }

    [Inject] public required TimeProvider Time { get; set; }

    [Inject] public required IAuthorizationService Authorization { get; set; }

    // Who acts is the signed-in principal in the audit log, whatever name is typed for the alert's own log.
    [Inject] public required IAuditLog Audit { get; set; }

    [Inject] public required ILogger<Alerts> Logger { get; set; }

    private ClaimsPrincipal? _user;

    // Actions run over the circuit, which has no request: the address is taken when the page is prerendered and
    // carried into the circuit in the page's persisted state (data-protected, so the browser cannot change it).
    [CascadingParameter] public HttpContext? HttpContext { get; set; }

    [Microsoft.AspNetCore.Components.PersistentState] public string? ClientAddress { get; set; }

    [CascadingParameter] public required Ui Ui { get; set; }

    [CascadingParameter] public Task<AuthenticationState>? Authentication { get; set; }

    [SupplyParameterFromQuery(Name = "unit")] public string? UnitFilter { get; set; }

    [SupplyParameterFromQuery(Name = "rule")] public string? RuleFilter { get; set; }

    [SupplyParameterFromQuery(Name = "severity")] public string? SeverityFilter { get; set; }

    private IReadOnlyList<AlertSilence> ActiveSilences => [.. Actions.Config.Silences.Where(s => s.ActiveAt(Time.GetUtcNow()))];

    private string CsvLink => $"api/v1/alerts/history?format=csv&lang={Ui.Lang}"
        + (string.IsNullOrEmpty(UnitFilter) ? "" : $"&unit={Uri.EscapeDataString(UnitFilter)}")
        + (string.IsNullOrEmpty(RuleFilter) ? "" : $"&rule={Uri.EscapeDataString(RuleFilter)}")
        + (string.IsNullOrEmpty(SeverityFilter) ? "" : $"&severity={Uri.EscapeDataString(SeverityFilter)}");

    public void Dispose()
    {
        _closed.Cancel();
        _subscription?.Dispose();
        _recorded?.Dispose();
    }

    protected override async Task OnInitializedAsync()
    {
        ClientAddress ??= HttpContext?.Connection.RemoteIpAddress?.ToString();
        if (Authentication is null)
        {
            return;
        }

        var user = _user = (await Authentication).User;
        _mayAct = (await Authorization.AuthorizeAsync(user, AccessPolicies.Duty)).Succeeded;
        _who ??= user.Identity?.Name;
    }

    protected override void OnParametersSet()
    {
        _alerts = Board.Alerts;
        ReadHistory();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            _subscription = Board.Subscribe(() => InvokeAsync(() =>
            {
                _alerts = Board.Alerts;
                ReadHistory();
                StateHasChanged();
            }));
            _recorded = Writer.Subscribe(() => _ = InvokeAsync(RereadHistory));
            _ = CatchUpAsync();
        }
    }

    private void RereadHistory()
    {
        if (!_closed.IsCancellationRequested)
        {
            ReadHistory();
            StateHasChanged();
        }
    }

    private async Task CatchUpAsync()
    {
        using var timer = new PeriodicTimer(HistoryCatchUp, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(_closed.Token))
            {
                await InvokeAsync(RereadHistory);
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed.
        }
    }

    private IEnumerable<(string Key, IReadOnlyList<AlertView> Alerts)> Groups()
    {
        var muted = _alerts.Where(a => a.SilencedBy is not null).ToList();
        var open = _alerts.Where(a => a.SilencedBy is null).ToList();
        yield return ("firing", [.. open.Where(a => a.IsFiring && a.Ack is null)]);
        yield return ("acknowledged", [.. open.Where(a => a.Ack is not null && a.State != AlertState.NoData)]);
        yield return ("pending", [.. open.Where(a => a.State == AlertState.Pending && a.Ack is null)]);
        yield return ("silenced", muted);
        yield return ("nodata", [.. open.Where(a => a.State == AlertState.NoData)]);
    }

    private void ReadHistory()
    {
        UnitKey? unit = null;
        if (UnitFilter?.Split(':') is [var level, var code] && UnitLevelNames.TryParse(level, out var parsed))
        {
            unit = new UnitKey(parsed, code);
        }

        AlertSeverity? severity = AlertWords.TryParseSeverity(SeverityFilter, out var s) ? s : null;
        try
        {
            _history = Store.History(new AlertHistoryFilter(unit, string.IsNullOrEmpty(RuleFilter) ? null : RuleFilter, severity, Limit: HistoryRows));
            _deadLetters = Store.DeadLetters(20);
            _storeDown = null;
        }
        catch (AlertStoreUnavailableException ex)
        {
            (_history, _deadLetters, _storeDown) = ([], [], ex.Store);
        }
    }

    private void StartAck(AlertView alert)
    {
        (_acking, _silencing, _note, _error, _auditError) = (alert.Id, null, null, null, null);
    }

    private void StartSilence(AlertView alert)
    {
        (_acking, _silencing, _reason, _error, _auditError) = (null, alert.Id, null, null, null);
    }

    private void Cancel() => (_acking, _silencing) = (null, null);

    private async Task AcknowledgeAsync(AlertView alert)
    {
        if (await TryAsync(() => Actions.AcknowledgeAsync(alert.Id, _who, _note)) is not { } result)
        {
            return;
        }

        if (result.Ok)
        {
            await AuditAsync(AuditActions.AlertAcknowledged, $"alert {alert.Id}", AlertAudit.Acknowledged(_who, _note));
        }

        Done(result.Ok, result.Errors);
    }

    private async Task SilenceAsync(AlertView alert)
    {
        if (await TryAsync(() => Actions.SilenceAsync(new SilenceRequest(alert.RuleId, alert.Unit.Level.ToWire(), alert.Unit.Code, _minutes, _reason, _who))) is not { } result)
        {
            return;
        }

        if (result.Ok)
        {
            await AuditAsync(AuditActions.AlertSilenced, $"silence {result.Value!.Id}", AlertAudit.Silenced(result.Value!));
        }

        Done(result.Ok, result.Errors);
    }

    private async Task EndSilenceAsync(AlertSilence silence)
    {
        if (await TryAsync(() => Actions.EndSilenceAsync(silence.Id, _who)) is not { } result)
        {
            return;
        }

        if (result.Ok)
        {
            await AuditAsync(AuditActions.AlertSilenceEnded, $"silence {silence.Id}", $"by '{_who}'");
        }

        Done(result.Ok || result.NotFound, result.Errors);
    }

    /// <summary>
    /// The action, or null when the alert store cannot be reached: nothing was done, and the page says so in the
    /// person's language (the form stays open, so trying again is one press).
    /// </summary>
    private async Task<ActionResult<T>?> TryAsync<T>(Func<Task<ActionResult<T>>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (AlertStoreUnavailableException.Find(ex) is { } down)
        {
            _error = Ui.Format("alerts.store.refused", down.Store);
            return null;
        }
    }

    /// <summary>
    /// The audit line of an action that was done. When the access store cannot take it (after its retries), the action
    /// stands, the page says the line is missing, and the failure is logged; the page itself keeps working.
    /// </summary>
    private async Task AuditAsync(string action, string target, string detail)
    {
        try
        {
            await Audit.WriteAsync(action, _user, ClientAddress, target, detail);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogAuditFailed(Logger, action, target, ex);
            _auditError = Ui["alerts.audit.failed"];
        }
    }

    /// <summary>Runs one person's action unless another is still under way (its buttons are disabled meanwhile).</summary>
    private async Task OneAtATimeAsync(Func<Task> action)
    {
        if (!_mayAct || _busy)
        {
            return;
        }

        _busy = true;
        try
        {
            await action();
        }
        finally
        {
            _busy = false;
        }
    }

    private void Done(bool ok, IReadOnlyList<RuleError> errors)
    {
        _error = ok ? null : string.Join("; ", errors.Select(Message));
        if (ok)
        {
            (_acking, _silencing) = (null, null);
        }

        _alerts = Board.Alerts;
        ReadHistory();
    }

    /// <summary>The page's own words for what a person can fix here; the API's reason otherwise.</summary>
    private string Message(RuleError error) => error.Field switch
    {
        "by" => Ui["alerts.who.missing"],
        "reason" => Ui["alerts.reason.missing"],
        "minutes" => Ui["alerts.minutes.wrong"],
        _ => $"{error.Field}: {error.Reason}",
    };

    private string SilenceWhat(AlertSilence silence)
    {
        var unit = silence.Unit is { } key && Units.Find(key) is { } found ? Ui.Name(found) : null;
        var rule = silence.RuleId is { } id ? Actions.Config.Rule(id) is { } r ? Ui.IsEnglish ? r.NameEn : r.NameVi : id : null;
        return string.Join(" · ", new[] { unit, rule }.OfType<string>());
    }

    private static string SeverityIcon(AlertView alert) => alert.Severity switch
    {
        AlertSeverity.Critical => "✖",
        AlertSeverity.Warning => "⚠",
        _ => "ℹ",
    };

    private static string ChangeWord(AlertHistoryEntry entry) => entry.Kind switch
    {
        AlertChangeKind.Transition => entry.Alert.State.ToWire(),
        AlertChangeKind.Acknowledged => "acknowledged",
        AlertChangeKind.Silenced => "silenced",
        AlertChangeKind.Unsilenced => "unsilenced",
        AlertChangeKind.Removed => "removed",
        _ => "firing",
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert action {Action} on {Target} was done, but its audit line could not be written")]
    private static partial void LogAuditFailed(ILogger logger, string action, string target, Exception exception);
}
