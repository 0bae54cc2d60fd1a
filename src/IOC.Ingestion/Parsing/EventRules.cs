using System.Text.RegularExpressions;

namespace IOC.Ingestion.Parsing;

/// <summary>
/// The bounds of every value a producer may send (docs/events.md lists them). They keep out what no real feed
/// produces and what would break a later stage: year-1 or year-9999 timestamps overflow the Vietnam-time buckets of
/// the history, ids with formula characters end up as the first characters of spreadsheet cells.
/// </summary>
public static partial class EventRules
{
    /// <summary>Producers' clocks drift; beyond this an event "from the future" is a bug on their side.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The default of <c>Ingestion:MaxEventAgeDays</c>: a year of history plus a month of late reporting.</summary>
    public const int DefaultMaxEventAgeDays = 400;

    /// <summary>The largest <c>Ingestion:MaxEventAgeDays</c> accepted (ten years).</summary>
    public const int MaxEventAgeDaysLimit = 3650;

    /// <summary>No timestamp before this is a real event of a Vietnamese e-government feed.</summary>
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>No timestamp from here on is either (due times included).</summary>
    public static readonly DateTimeOffset Latest = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// How far a due, completion or resolution time may lie from the event's <c>at</c>: two years. The longest legal
    /// processing times are counted in weeks, so this only refuses a wrong year or a unit mistake.
    /// </summary>
    public static readonly TimeSpan MaxSpanFromAt = TimeSpan.FromDays(730);

    /// <summary>A caller queueing two hours is not a call any hotline reports; more is a unit mistake (ms for s).</summary>
    public const double MaxWaitSeconds = 7_200;

    /// <summary>Talk, hold and wrap of one call: four hours at most.</summary>
    public const double MaxHandleSeconds = 14_400;

    public const int MaxIdLength = 128;

    public const int MaxProcedureLength = 22;

    public const int MaxProcedureNameLength = 500;

    public const int MaxAgencyLength = 32;

    /// <summary>Event type, channel, subject and rating names.</summary>
    public const int MaxNameLength = 64;

    /// <summary>The longest timestamp text (RFC 3339 with seven fraction digits is 33 characters).</summary>
    public const int MaxTimestampLength = 40;

    /// <summary>
    /// Event, dossier and ticket ids: letters, digits and <c>. _ - : /</c>, starting with a letter or digit (so never
    /// with the <c>= + - @</c> a spreadsheet reads as a formula), 1–128 characters.
    /// </summary>
    public const string IdPattern = "^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$";

    /// <summary>A ward's official 5-digit code (units.csv).</summary>
    public const string UnitPattern = "^[0-9]{5}$";

    /// <summary>An agency code of agencies.csv: upper-case letters, digits and hyphens.</summary>
    public const string AgencyPattern = "^[A-Z][A-Z0-9-]{0,31}$";

    /// <summary>
    /// A procedure code of the National Database on Administrative Procedures: one digit, a dot, six digits
    /// (<c>1.001612</c>), optionally followed by the code of the agency that publishes its local version, as the
    /// National Public Service Portal writes it (<c>1.001612.000.00.00.H26</c>).
    /// </summary>
    public const string ProcedurePattern = @"^[0-9]\.[0-9]{6}(\.[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2})?$";

    [GeneratedRegex(IdPattern, RegexOptions.CultureInvariant)]
    public static partial Regex Id();

    [GeneratedRegex(UnitPattern, RegexOptions.CultureInvariant)]
    public static partial Regex Unit();

    [GeneratedRegex(AgencyPattern, RegexOptions.CultureInvariant)]
    public static partial Regex Agency();

    [GeneratedRegex(ProcedurePattern, RegexOptions.CultureInvariant)]
    public static partial Regex Procedure();

    /// <summary>A procedure name as one-stop systems show it: starts with a letter or digit, no control characters.</summary>
    public static bool IsProcedureName(string name) =>
        name.Length > 0 && char.IsLetterOrDigit(name[0]) && !name.Any(char.IsControl);

    /// <summary>The "at" limit for events ingested at <paramref name="now"/>.</summary>
    public static DateTimeOffset OldestAt(DateTimeOffset now, int maxEventAgeDays) => now - TimeSpan.FromDays(maxEventAgeDays);
}
