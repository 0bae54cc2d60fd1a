using IOC.Domain.Time;

namespace IOC.History.Model;

/// <summary>The bucket sizes the history keeps: minutes (short), hours (90 days), days (for ever).</summary>
public enum Resolution
{
    Minute,
    Hour,
    Day,
}

public static class Resolutions
{
    public static readonly Resolution[] All = [Resolution.Minute, Resolution.Hour, Resolution.Day];

    private static readonly long OffsetMs = (long)VietnamTime.Offset.TotalMilliseconds;

    public static TimeSpan Size(this Resolution resolution) => resolution switch
    {
        Resolution.Minute => TimeSpan.FromMinutes(1),
        Resolution.Hour => TimeSpan.FromHours(1),
        _ => TimeSpan.FromDays(1),
    };

    public static string Name(this Resolution resolution) => resolution switch
    {
        Resolution.Minute => "minute",
        Resolution.Hour => "hour",
        _ => "day",
    };

    /// <summary>The start (Unix ms, UTC) of the bucket holding a local minute; days start at local midnight.</summary>
    public static long BucketOfMinute(this Resolution resolution, long minuteKey)
    {
        var minutes = resolution switch
        {
            Resolution.Minute => minuteKey,
            Resolution.Hour => minuteKey - (minuteKey % 60),
            _ => minuteKey - (minuteKey % (24 * 60)),
        };
        return VietnamTime.StartOfMinute(minutes).ToUnixTimeMilliseconds();
    }

    /// <summary>The start of the bucket (or of a group of <paramref name="size"/>) holding an instant, on Hanoi's clock.</summary>
    public static long Floor(long unixMs, TimeSpan size)
    {
        var sizeMs = (long)size.TotalMilliseconds;
        var local = unixMs + OffsetMs;
        return local - Mod(local, sizeMs) - OffsetMs;
    }

    public static long Ceiling(long unixMs, TimeSpan size)
    {
        var floor = Floor(unixMs, size);
        return floor == unixMs ? floor : floor + (long)size.TotalMilliseconds;
    }

    /// <summary>Where groups of <paramref name="size"/> start relative to the Unix epoch, so they start on Hanoi's clock.</summary>
    public static long LocalOffsetMs(TimeSpan size)
    {
        var sizeMs = (long)size.TotalMilliseconds;
        return Mod(-OffsetMs, sizeMs);
    }

    private static long Mod(long value, long size) => ((value % size) + size) % size;
}
