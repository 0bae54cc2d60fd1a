using IOC.Domain.Units;

namespace IOC.History.Model;

/// <summary>
/// The tags of a series: unit level and code, and for <see cref="Measurement.Procedures"/> the procedure code and
/// the intake channel (<c>online</c>, <c>in_person</c>, <c>postal</c>, or <c>unknown</c>). Never an id of a dossier or event.
/// </summary>
public readonly record struct SeriesKey(UnitKey Unit, string? Procedure = null, string? Channel = null);

/// <summary>
/// One point as written: the absolute value of one buffer row, i.e. the sum of the deltas this point has
/// collected so far (see docs/history.md). A bucket may hold several points; readers sum them.
/// </summary>
/// <param name="BucketMs">Bucket start, Unix ms (UTC).</param>
/// <param name="PointId">Tells apart the points of one bucket, below one minute in nanoseconds (0 ≤ id &lt; 60·10⁹).</param>
/// <param name="Values">One value per <see cref="Measurement.Fields"/>.</param>
public sealed record HistoryPoint(Measurement Measurement, Resolution Resolution, SeriesKey Series, long BucketMs, long PointId, long[] Values)
{
    public const long PointIdSpace = 60_000_000_000;

    /// <summary>InfluxDB timestamp in ns: the bucket start plus the point id, which stays inside the bucket's first minute.</summary>
    public long TimestampNs => (BucketMs * 1_000_000) + PointId;
}

/// <summary>A query's answer for one series: the sum of its points over a group (or the whole range).</summary>
/// <param name="StartMs">Start of the group, or of the range for a total.</param>
public sealed record HistoryRow(SeriesKey Series, long StartMs, long[] Values);
