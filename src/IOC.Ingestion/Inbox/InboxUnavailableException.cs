namespace IOC.Ingestion.Inbox;

/// <summary>
/// The inbox's store cannot be reached (a cluster's PostgreSQL is down or restarting): nothing of the batch is
/// acknowledged, and the sender should retry after a few seconds. A batch whose commit was under way when the store went
/// away may have been stored: its retry finds the ids stored and counts nothing twice.
/// </summary>
public sealed class InboxUnavailableException(string store, Exception inner)
    : Exception($"The inbox store ({store}) cannot be reached: {inner.Message}", inner)
{
    public string Store { get; } = store;
}
