using Microsoft.Extensions.Logging;

namespace IOC.Grains.Pushes;

/// <summary>How often publishers re-read the registry, and what they log.</summary>
public static class PushTiming
{
    /// <summary>How stale a publisher's list of web hosts may be: a host that just registered misses pushes this long.</summary>
    public static readonly TimeSpan RefreshObserversEvery = TimeSpan.FromSeconds(2);
}

internal static partial class PushLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send {Count} {Item}(s) to a web host: {Reason}")]
    public static partial void SendFailed(ILogger logger, int count, string item, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the web hosts' observers for {Item}s: {Reason}")]
    public static partial void RefreshFailed(ILogger logger, string item, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the units' {Feed} state for this host's view: {Reason}")]
    public static partial void SeedFailed(ILogger logger, string feed, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not register this host's {Feed} observer: {Reason}")]
    public static partial void RegisterFailed(ILogger logger, string feed, string reason);
}
