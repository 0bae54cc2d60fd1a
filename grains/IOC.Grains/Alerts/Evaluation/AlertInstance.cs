using IOC.Domain.Kpis;
using IOC.Domain.Nowcast;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Grains.Alerts.Rules;

namespace IOC.Grains.Alerts.Evaluation;

/// <summary>
/// One rule at one unit, moving through Grafana's states as its condition holds or not over time. Plain C#: the caller
/// passes the reading and "now" (a fake clock in tests), and gets back the change, if any.
/// </summary>
public sealed class AlertInstance(string ruleId, UnitKey unit)
{
    private int _recentDay = -1;
    private IReadOnlyList<(DateOnly, RateFigures)> _recent = [];

    public string RuleId { get; } = ruleId;

    public UnitKey Unit { get; } = unit;

    public AlertState State { get; private set; } = AlertState.Normal;

    public DateTimeOffset StateSince { get; private set; }

    public DateTimeOffset? ActiveSince { get; private set; }

    public AlertAck? Ack { get; private set; }

    public string? SilencedBy { get; private set; }

    public long Episode { get; private set; }

    /// <summary>The view last handed out (what the live views and the store hold).</summary>
    public AlertView? View { get; private set; }

    /// <summary>The gauge's value per minute, for <see cref="AlertConditionKind.Rising"/>.</summary>
    internal List<(long Minute, double Value)> Samples { get; } = [];

    /// <summary>Puts back what the store held before a restart.</summary>
    public void Restore(AlertView saved)
    {
        State = saved.State;
        StateSince = saved.StateSince;
        ActiveSince = saved.ActiveSince;
        Ack = saved.Ack;
        SilencedBy = saved.SilencedBy;
        Episode = saved.Episode;
        View = saved;
    }

    /// <summary>
    /// Moves the state on with a new reading at <paramref name="now"/>. Returns the change to record and publish: a
    /// transition, a silence starting or ending, or (same state) figures that moved; null when nothing a person sees changed.
    /// </summary>
    public AlertChange? Step(AlertRule rule, AlertReading reading, AlertSilence? silence, DateTimeOffset now, AlertContext context)
    {
        var from = State;
        var next = Next(rule, reading.Holds, now);
        if (next != State)
        {
            if (next == AlertState.Pending || (next == AlertState.Firing && State is AlertState.Normal or AlertState.NoData))
            {
                ActiveSince = now;
            }

            if (next == AlertState.Firing && from is not (AlertState.Firing or AlertState.Recovering))
            {
                Episode++;
            }

            if (next is AlertState.Normal or AlertState.NoData)
            {
                // The episode is over: a new one needs a new acknowledgement.
                ActiveSince = null;
                Ack = null;
            }

            State = next;
            StateSince = now;
        }

        var silencedBy = next == AlertState.Normal ? null : silence?.Id;
        var silenceMoved = silencedBy != SilencedBy;
        SilencedBy = silencedBy;
        if (from == AlertState.Normal && State == AlertState.Normal && !silenceMoved)
        {
            // Most instances are normal most of the time: no view, no sentence, nothing to hold.
            View = null;
            return null;
        }

        var view = MakeView(rule, reading, now, context);
        var previous = View;
        View = view;
        if (from != State)
        {
            return new AlertChange(AlertChangeKind.Transition, now, view, from);
        }

        if (silenceMoved)
        {
            return new AlertChange(silencedBy is null ? AlertChangeKind.Unsilenced : AlertChangeKind.Silenced, now, view, from);
        }

        // A normal instance's figures interest nobody; any other's are on a wallboard.
        return State != AlertState.Normal && !SameFigures(previous, view) ? new AlertChange(AlertChangeKind.Figures, now, view, from) : null;
    }

    /// <summary>Someone acknowledged the current episode (pending, firing or recovering); null when there is none.</summary>
    public AlertChange? Acknowledge(string by, string? note, DateTimeOffset now)
    {
        if (View is null || State is AlertState.Normal or AlertState.NoData)
        {
            return null;
        }

        Ack = new AlertAck(by, now, note);
        View = View with { Ack = Ack };
        return new AlertChange(AlertChangeKind.Acknowledged, now, View, State);
    }

    /// <summary>The rule is gone or disabled: the instance ends (resolved if it was firing).</summary>
    public AlertChange? Remove(DateTimeOffset now)
    {
        if (View is null || State == AlertState.Normal)
        {
            return null;
        }

        var from = State;
        State = AlertState.Normal;
        StateSince = now;
        ActiveSince = null;
        Ack = null;
        SilencedBy = null;
        View = View with { State = AlertState.Normal, StateSince = now, ActiveSince = null, Ack = null, SilencedBy = null };
        return new AlertChange(AlertChangeKind.Removed, now, View, from);
    }

    /// <summary>The complete days before today, for the nowcast's usual pattern (read again when the day turns).</summary>
    internal IReadOnlyList<(DateOnly, RateFigures)> RecentDays(DateOnly today, Func<int, CounterSet> day, Func<CounterSet, RateFigures> figures)
    {
        if (_recentDay != today.DayNumber)
        {
            _recentDay = today.DayNumber;
            _recent = [.. Enumerable.Range(1, Nowcaster.PatternDays)
                .Select(back => today.AddDays(-back))
                .Select(d => (d, figures(day(d.DayNumber))))];
        }

        return _recent;
    }

    /// <summary>Grafana's state machine: pending holds until the pending period passes, recovering until keep-firing passes.</summary>
    private AlertState Next(AlertRule rule, bool? holds, DateTimeOffset now) => (State, holds) switch
    {
        (AlertState.Normal or AlertState.NoData, true) => rule.Pending <= TimeSpan.Zero ? AlertState.Firing : AlertState.Pending,
        (AlertState.Normal or AlertState.NoData, null) => AlertState.NoData,
        (AlertState.Normal or AlertState.NoData, false) => AlertState.Normal,
        (AlertState.Pending, true) => now - ActiveSince >= rule.Pending ? AlertState.Firing : AlertState.Pending,
        (AlertState.Pending, null) => AlertState.NoData,
        (AlertState.Pending, false) => AlertState.Normal,
        (AlertState.Firing or AlertState.Recovering, true) => AlertState.Firing,

        // No data while firing counts as the condition clearing: a new day's "today" starts empty.
        (AlertState.Firing, _) => rule.KeepFiring <= TimeSpan.Zero ? Cleared(holds) : AlertState.Recovering,
        (AlertState.Recovering, _) => now - StateSince >= rule.KeepFiring ? Cleared(holds) : AlertState.Recovering,
        _ => State,
    };

    private static AlertState Cleared(bool? holds) => holds is null ? AlertState.NoData : AlertState.Normal;

    private AlertView MakeView(AlertRule rule, AlertReading reading, DateTimeOffset now, AlertContext context)
    {
        var (vi, en) = AlertSentence.Of(rule, Unit, State, reading, ActiveSince, now, context);
        return new AlertView
        {
            Id = AlertView.IdOf(RuleId, Unit),
            RuleId = RuleId,
            RuleNameVi = rule.NameVi,
            RuleNameEn = rule.NameEn,
            Unit = Unit,
            State = State,
            StateSince = StateSince,
            ActiveSince = ActiveSince,
            Severity = rule.Severity,
            Kpi = rule.Kpi,
            Value = reading.Value is { } v ? Math.Round(v, 2) : null,
            Numerator = reading.Numerator,
            Denominator = reading.Denominator,
            Target = reading.Target,
            Direction = reading.Direction,
            SentenceVi = vi,
            SentenceEn = en,
            Ack = Ack,
            SilencedBy = SilencedBy,
            Episode = Episode,
        };
    }

    private static bool SameFigures(AlertView? a, AlertView b) =>
        a is not null && a.Value == b.Value && a.Numerator == b.Numerator && a.Denominator == b.Denominator
        && a.Target == b.Target && a.SentenceVi == b.SentenceVi && a.Severity == b.Severity && a.RuleNameVi == b.RuleNameVi;
}
