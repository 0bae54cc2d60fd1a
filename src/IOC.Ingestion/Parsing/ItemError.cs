namespace IOC.Ingestion.Parsing;

/// <summary>One problem of an item: the field it concerns ("(item)" for the item as a whole) and why.</summary>
public sealed record FieldError(string Field, string Reason);

/// <summary>
/// Why one event of a batch was rejected: its position, its id when readable, and every problem found.
/// <see cref="Field"/> and <see cref="Reason"/> are the first of <see cref="Errors"/>, as answers before
/// every problem was reported carried them.
/// </summary>
public sealed record ItemError(int Index, string? Id, string Field, string Reason)
{
    public IReadOnlyList<FieldError> Errors { get; init; } = [new(Field, Reason)];

    public static ItemError Of(int index, string? id, IReadOnlyList<FieldError> errors) =>
        new(index, id, errors[0].Field, errors[0].Reason) { Errors = errors };

    /// <summary>Equal when they name the same item and the same problems in the same order.</summary>
    public bool Equals(ItemError? other) =>
        other is not null && Index == other.Index && Id == other.Id && Field == other.Field && Reason == other.Reason && Errors.SequenceEqual(other.Errors);

    public override int GetHashCode() => HashCode.Combine(Index, Id, Field, Reason, Errors.Count);
}

/// <summary>Where in a body an unreadable batch went wrong; null parts are unknown or do not apply.</summary>
/// <param name="ByteOffset">From the start of the body (a byte order mark included).</param>
/// <param name="Line">1-based line of the body.</param>
/// <param name="Item">0-based index of the item being read (NDJSON: the non-blank line's item).</param>
public sealed record BodyLocation(long? ByteOffset, int? Line, int? Item);

/// <summary>Thrown for a whole batch that cannot be read (400) or is over the limits (413); nothing of it is kept.</summary>
public sealed class BatchRejectedException(BatchRejection kind, string reason, BodyLocation? location = null) : Exception(reason)
{
    public BatchRejection Kind { get; } = kind;

    public BodyLocation? Location { get; } = location;
}

public enum BatchRejection
{
    Unreadable,
    TooLarge,
}
