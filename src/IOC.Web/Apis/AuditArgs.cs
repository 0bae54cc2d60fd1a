using System.Globalization;
using IOC.Domain.Time;

namespace IOC.Web.Apis;

/// <summary>The audit log's from and to: a date (Hanoi's midnight; to= a date includes that day) or an instant with its offset.</summary>
public static class AuditArgs
{
    public static (DateTimeOffset? At, BadArg? Error) Instant(string? text, string field, bool endOfDay = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (null, null);
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), VietnamTime.Offset);
            return (endOfDay ? midnight.AddDays(1) : midnight, null);
        }

        return DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? (at, null)
            : (null, new BadArg(field, $"{field} '{text}' is not a date (2026-12-01) or an instant with its offset (2026-12-01T08:00:00+07:00).", AdminChecks.Title));
    }
}
