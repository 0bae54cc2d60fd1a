using IOC.History.Model;

namespace IOC.History.Store;

/// <summary>How long each resolution is kept: minutes and hours for a while, days for ever.</summary>
public sealed record Retention(TimeSpan Minutes, TimeSpan Hours)
{
    public static Retention From(HistoryOptions options) => new(options.MinuteRetention, options.HourRetention);

    public TimeSpan? Of(Resolution resolution) => resolution switch
    {
        Resolution.Minute => Minutes,
        Resolution.Hour => Hours,
        _ => null,
    };

    /// <summary>Whether a bucket starting at <paramref name="bucketMs"/> is still kept at <paramref name="nowMs"/>.</summary>
    public bool Keeps(Resolution resolution, long bucketMs, long nowMs) =>
        Of(resolution) is not { } span || bucketMs + (long)resolution.Size().TotalMilliseconds > nowMs - (long)span.TotalMilliseconds;
}
