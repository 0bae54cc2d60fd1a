namespace IOC.Ingestion;

/// <summary>
/// Too many events are already waiting for the inbox (<see cref="IngestionOptions.MaxQueuedEvents"/>): nothing of the
/// batch is kept, and the sender should retry in a moment. Memory stays bounded when producers outrun the inbox.
/// </summary>
public sealed class IngestionBusyException(string reason) : Exception(reason);
