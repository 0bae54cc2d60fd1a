namespace IOC.Ingestion.Parsing;

/// <summary>Why one event of a batch was rejected: its position, its id when readable, the field and the reason.</summary>
public sealed record ItemError(int Index, string? Id, string Field, string Reason);

/// <summary>Thrown for a whole batch that cannot be read (400) or is over the limits (413); nothing of it is kept.</summary>
public sealed class BatchRejectedException(BatchRejection kind, string reason) : Exception(reason)
{
    public BatchRejection Kind { get; } = kind;
}

public enum BatchRejection
{
    Unreadable,
    TooLarge,
}
