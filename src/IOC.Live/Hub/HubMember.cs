namespace IOC.Live.Hub;

/// <summary>One connection as the broadcaster sees it, for health checks and tests.</summary>
/// <param name="Groups">Groups the connection holds.</param>
/// <param name="Pending">Messages waiting for it: never more than <paramref name="Groups"/> (one per group).</param>
/// <param name="SendingFor">How long the send in flight has waited for the client; null when idle.</param>
/// <param name="Sent">Messages written so far.</param>
public sealed record ConnectionStats(string ConnectionId, int Groups, int Pending, TimeSpan? SendingFor, long Sent);

/// <summary>A connected client: its outbox, the groups it holds and how to abort it.</summary>
internal sealed class HubMember(ConnectionOutbox outbox, Action abort)
{
    public ConnectionOutbox Outbox { get; } = outbox;

    public Action Abort { get; } = abort;

    public HashSet<string> Groups { get; } = new(StringComparer.Ordinal);
}
