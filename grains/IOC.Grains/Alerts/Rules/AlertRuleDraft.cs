using System.Text.RegularExpressions;
using IOC.Domain.Kpis;
using IOC.Domain.Targets;
using IOC.Domain.Units;

namespace IOC.Grains.Alerts.Rules;

/// <summary>A rule as written (a CSV row, an API body), before it is checked: every field may be missing or wrong.</summary>
public sealed record AlertRuleDraft
{
    public string? Id { get; init; }

    public string? NameVi { get; init; }

    public string? NameEn { get; init; }

    public string? Kpi { get; init; }

    /// <summary><c>city</c>, <c>wards</c>, <c>ward</c>, <c>agencies</c> or <c>agency</c>.</summary>
    public string? Scope { get; init; }

    /// <summary>The unit's code for <c>ward</c> and <c>agency</c>.</summary>
    public string? Unit { get; init; }

    /// <summary><c>60m</c>, <c>today</c>, <c>7d</c>, <c>mtd</c> or <c>ytd</c>.</summary>
    public string? Window { get; init; }

    public string? Condition { get; init; }

    public double? Threshold { get; init; }

    public long? MinDenominator { get; init; }

    /// <summary>"15m", "1h", "0".</summary>
    public string? Pending { get; init; }

    public string? KeepFiring { get; init; }

    public string? Severity { get; init; }

    public bool? OfficeHours { get; init; }

    public bool? Enabled { get; init; }

    /// <summary><c>ok</c> (default), <c>nodata</c> or <c>alerting</c>: what nothing to judge means.</summary>
    public string? NoData { get; init; }

    public static AlertRuleDraft From(AlertRule rule) => new()
    {
        Id = rule.Id,
        NameVi = rule.NameVi,
        NameEn = rule.NameEn,
        Kpi = rule.Kpi,
        Scope = rule.Scope.Wire,
        Unit = rule.Scope.Code,
        Window = rule.Window.ToWire(),
        Condition = rule.Condition.ToWire(),
        Threshold = rule.Threshold,
        MinDenominator = rule.MinDenominator,
        Pending = rule.Pending.ToWire(),
        KeepFiring = rule.KeepFiring.ToWire(),
        Severity = rule.Severity.ToWire(),
        OfficeHours = rule.OfficeHoursOnly,
        Enabled = rule.Enabled,
        NoData = rule.NoData.ToWire(),
    };
}

/// <summary>A field of a rule that is wrong, and why (the API answers them all; the CSV loader names the line too).</summary>
public sealed record RuleError(string Field, string Reason);

/// <summary>
/// Checks a draft against the catalogues (KPIs, units, targets) and makes the rule, or says every field that is wrong.
/// </summary>
public sealed partial class AlertRuleChecker(UnitCatalog units, TargetCatalog targets)
{
    public const int MaxSilentMinutes = 24 * 60;

    public (AlertRule? Rule, IReadOnlyList<RuleError> Errors) Check(AlertRuleDraft draft)
    {
        var errors = new List<RuleError>();
        void Fail(string field, string reason) => errors.Add(new RuleError(field, reason));

        var id = draft.Id?.Trim() ?? "";
        if (!IdPattern().IsMatch(id))
        {
            Fail("id", id.Length == 0 ? "is required" : "must be 1–64 lower-case letters, digits and '-'");
        }

        var nameVi = Name(draft.NameVi, "nameVi", Fail);
        var nameEn = Name(draft.NameEn, "nameEn", Fail);

        if (!AlertWords.TryParseCondition(draft.Condition?.Trim(), out var condition))
        {
            Fail("condition", $"'{draft.Condition}' is not one of {string.Join(", ", Enum.GetValues<AlertConditionKind>().Select(c => c.ToWire()))}");
        }

        var conditionKnown = errors.All(e => e.Field != "condition");
        var kpiId = draft.Kpi?.Trim() ?? "";
        KpiDefinition? kpi = null;
        if (condition == AlertConditionKind.Silent && conditionKnown)
        {
            if (kpiId.Length > 0)
            {
                Fail("kpi", "a silent rule watches every event of the unit: leave the KPI empty");
            }
        }
        else if (!KpiCatalog.TryGet(kpiId, out kpi))
        {
            Fail("kpi", kpiId.Length == 0 ? "is required" : $"unknown KPI id '{kpiId}' (GET /api/v1/kpi/definitions lists them)");
        }

        var scope = Scope(draft.Scope?.Trim(), draft.Unit?.Trim(), Fail);
        var window = KpiWindow.Today;
        if (condition == AlertConditionKind.Silent || kpi?.Kind == KpiKind.Gauge)
        {
            // Silence and gauges are about now: a window given is accepted when it parses, and means nothing.
            if (!string.IsNullOrWhiteSpace(draft.Window) && !KpiWindows.TryParse(draft.Window.Trim(), out window))
            {
                Fail("window", $"'{draft.Window}' is not one of {string.Join(", ", KpiWindows.All.Select(w => w.ToWire()))}");
            }

            window = condition == AlertConditionKind.Rising ? KpiWindow.Last60Minutes : window;
        }
        else if (!KpiWindows.TryParse(draft.Window?.Trim(), out window))
        {
            Fail("window", $"'{draft.Window}' is not one of {string.Join(", ", KpiWindows.All.Select(w => w.ToWire()))}");
        }

        if (!AlertWords.TryParseSeverity(draft.Severity?.Trim(), out var severity))
        {
            Fail("severity", $"'{draft.Severity}' is not one of info, warning, critical");
        }

        var noData = AlertNoDataState.Ok;
        if (!string.IsNullOrWhiteSpace(draft.NoData) && !AlertWords.TryParseNoData(draft.NoData.Trim(), out noData))
        {
            Fail("noData", $"'{draft.NoData}' is not one of ok, nodata, alerting");
        }

        var pending = Span(draft.Pending, "pending", Fail);
        var keepFiring = Span(draft.KeepFiring, "keepFiring", Fail);
        var minDenominator = draft.MinDenominator ?? 0;
        if (minDenominator < 0)
        {
            Fail("minDenominator", "must be 0 or more");
        }
        else if (minDenominator > 0 && kpi is { Kind: KpiKind.Count or KpiKind.Gauge })
        {
            Fail("minDenominator", $"'{kpi.Id}' is a count with no denominator: leave it 0");
        }

        if (conditionKnown)
        {
            CheckCondition(condition, kpi, scope, window, draft.Threshold, Fail);
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new AlertRule
        {
            Id = id,
            NameVi = nameVi!,
            NameEn = nameEn!,
            Kpi = kpi?.Id ?? "",
            Scope = scope!.Value,
            Window = window,
            Condition = condition,
            Threshold = draft.Threshold,
            MinDenominator = minDenominator,
            Pending = pending,
            KeepFiring = keepFiring,
            Severity = severity,
            OfficeHoursOnly = draft.OfficeHours ?? condition == AlertConditionKind.Silent,
            Enabled = draft.Enabled ?? true,
            NoData = noData,
        }, errors);
    }

    private void CheckCondition(AlertConditionKind condition, KpiDefinition? kpi, RuleScope? scope, KpiWindow window, double? threshold, Action<string, string> fail)
    {
        var takesThreshold = condition is AlertConditionKind.Below or AlertConditionKind.Above or AlertConditionKind.Rising or AlertConditionKind.Silent;
        if (takesThreshold && threshold is null)
        {
            fail("threshold", $"is required for '{condition.ToWire()}'");
        }
        else if (!takesThreshold && threshold is not null)
        {
            fail("threshold", $"'{condition.ToWire()}' compares with the KPI's target: leave the threshold empty");
        }
        else if (threshold is { } t && (double.IsNaN(t) || double.IsInfinity(t)))
        {
            fail("threshold", "must be a number");
        }

        switch (condition)
        {
            case AlertConditionKind.Silent when threshold is { } minutes && (minutes < 1 || minutes > MaxSilentMinutes || minutes % 1 != 0):
                fail("threshold", $"a silent rule's threshold is whole minutes, 1 to {MaxSilentMinutes}");
                break;
            case AlertConditionKind.Rising when kpi is not null && kpi.Kind != KpiKind.Gauge:
                fail("kpi", $"'rising' watches a gauge of open work (such as dossier.overduePending); '{kpi.Id}' is a {kpi.Kind.ToString().ToLowerInvariant()}");
                break;
            case AlertConditionKind.Rising when threshold is <= 0:
                fail("threshold", "a rise must be more than 0");
                break;
            case AlertConditionKind.OffTarget or AlertConditionKind.Missed or AlertConditionKind.ProjectedMiss when kpi is not null && scope is { } s && !HasTarget(kpi, s):
                fail("kpi", $"'{kpi.Id}' has no target for scope '{s.Wire}'{(s.Code is null ? "" : $" {s.Code}")} (seed-data/targets.csv, commitments.csv)");
                break;
            case AlertConditionKind.ProjectedMiss when kpi is not null && kpi.Kind != KpiKind.Rate:
                fail("kpi", "'projected-miss' projects a rate to the end of its period");
                break;
            case AlertConditionKind.ProjectedMiss when window is not (KpiWindow.MonthToDate or KpiWindow.YearToDate):
                fail("window", "'projected-miss' looks to the month's end (mtd) or the year's (ytd)");
                break;
        }

        if (condition == AlertConditionKind.ProjectedMiss && kpi is not null && scope is { } sc && HasTarget(kpi, sc)
            && !TargetsOf(kpi, sc).Any(t => t.Period is "month" or "year"))
        {
            fail("kpi", $"'{kpi.Id}' has no monthly or yearly target to project to");
        }
    }

    private bool HasTarget(KpiDefinition kpi, RuleScope scope) => TargetsOf(kpi, scope).Any();

    private IEnumerable<Target> TargetsOf(KpiDefinition kpi, RuleScope scope) =>
        UnitsOf(scope).Select(u => targets.Find(kpi.Id, u)).OfType<Target>();

    /// <summary>The units a scope covers, from the catalogue.</summary>
    public IEnumerable<UnitKey> UnitsOf(RuleScope scope) => scope.Level switch
    {
        UnitLevel.City => [units.City.Key],
        UnitLevel.Ward => scope.Code is null ? units.Wards.Select(w => w.Key) : [new UnitKey(UnitLevel.Ward, scope.Code)],
        UnitLevel.Agency => scope.Code is null ? units.Agencies.Select(a => a.Key) : [new UnitKey(UnitLevel.Agency, scope.Code)],
        _ => [],
    };

    private RuleScope? Scope(string? scope, string? unit, Action<string, string> fail)
    {
        var code = string.IsNullOrEmpty(unit) ? null : unit;
        RuleScope? result = scope switch
        {
            "city" => new RuleScope(UnitLevel.City, null),
            "wards" => new RuleScope(UnitLevel.Ward, null),
            "agencies" => new RuleScope(UnitLevel.Agency, null),
            "ward" => new RuleScope(UnitLevel.Ward, code),
            "agency" => new RuleScope(UnitLevel.Agency, code),
            _ => null,
        };
        if (result is null)
        {
            fail("scope", $"'{scope}' is not one of city, wards, ward, agencies, agency");
            return null;
        }

        if (scope is "ward" or "agency")
        {
            if (code is null)
            {
                fail("unit", $"scope '{scope}' needs the {scope}'s code");
                return null;
            }

            if (units.Find(new UnitKey(result.Value.Level, code)) is null)
            {
                fail("unit", $"no {scope} with code '{code}' (GET /api/v1/units lists them)");
                return null;
            }
        }
        else if (code is not null)
        {
            fail("unit", $"scope '{scope}' covers {(scope == "city" ? "the city" : "every unit of its level")}: leave the unit empty, or use scope '{(scope == "agencies" ? "agency" : "ward")}'");
            return null;
        }

        return result;
    }

    private static string? Name(string? name, string field, Action<string, string> fail)
    {
        var text = name?.Trim() ?? "";
        if (text.Length == 0)
        {
            fail(field, "is required");
            return null;
        }

        if (text.Length > 200)
        {
            fail(field, "is longer than 200 characters");
            return null;
        }

        return text;
    }

    private static TimeSpan Span(string? text, string field, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return TimeSpan.Zero;
        }

        if (!AlertWords.TryParseSpan(text, out var span))
        {
            fail(field, $"'{text}' is not a period such as 0, 90s, 15m or 2h (at most 7 days)");
        }

        return span;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex IdPattern();
}
