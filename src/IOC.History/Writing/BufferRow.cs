using IOC.History.Model;

namespace IOC.History.Writing;

/// <summary>Which bucket of which series a buffer row adds to.</summary>
public readonly record struct RowKey(Measurement Measurement, Resolution Resolution, SeriesKey Series, long BucketMs);

/// <summary>
/// One point on its way to the store: the sum of the deltas it collected since it was created, under one point id.
/// Writing it again with a larger sum replaces the earlier write (same id), so a retry never counts twice.
/// <see cref="Values"/> is replaced, never changed in place, so a reader may keep the array it took.
/// </summary>
internal sealed class BufferRow(RowKey key, long pointId, long[] values)
{
    public RowKey Key { get; } = key;

    public long PointId { get; } = pointId;

    public long[] Values { get; set; } = values;

    /// <summary>Bumped by every save that adds to the row.</summary>
    public long Version { get; set; }

    /// <summary>The version last written to the store.</summary>
    public long Shipped { get; set; }

    public bool Dirty => Version > Shipped;

    public HistoryPoint ToPoint() => new(Key.Measurement, Key.Resolution, Key.Series, Key.BucketMs, PointId, Values);
}

/// <summary>A row as taken for a write: its values and version at that moment.</summary>
internal readonly record struct ShipItem(BufferRow Row, long[] Values, long Version)
{
    public HistoryPoint ToPoint() => new(Row.Key.Measurement, Row.Key.Resolution, Row.Key.Series, Row.Key.BucketMs, Row.PointId, Values);
}
