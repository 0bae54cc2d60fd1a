namespace IOC.Grains.Alerts.Grains;

/// <summary>How the grains evaluate alert rules (section <c>Alerts</c>).</summary>
public sealed class AlertEvaluationOptions
{
    public const string Section = "Alerts";

    /// <summary>Off: no grain evaluates a rule (the pages and APIs still answer, with nothing firing).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Office hours in Hanoi time on working days: spans "HH:mm-HH:mm", comma-separated.</summary>
    public string OfficeHours { get; set; } = "08:00-12:00,13:00-17:00";

    /// <summary>
    /// A unit's rules are judged whenever its figures change, and at least this often without (pending and keep-firing
    /// periods, silent feeds, silences move with the clock alone).
    /// </summary>
    public int EvaluateEveryMilliseconds { get; set; } = 1000;

    /// <summary>How often each silo reads the rules and silences again (a change is seen at once on the silo that made it).</summary>
    public int ConfigRefreshMilliseconds { get; set; } = 2000;
}
