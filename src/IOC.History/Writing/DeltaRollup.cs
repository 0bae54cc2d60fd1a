using IOC.Domain.Events;
using IOC.Domain.Units;
using IOC.Grains.Fold;
using IOC.History.Influx;
using IOC.History.Model;

namespace IOC.History.Writing;

/// <summary>
/// Turns a grain's per-minute delta into additions to buffer rows: each minute's counters go to its minute, its
/// hour and its day (the rollups), and each procedure's counts to its hour and day.
/// </summary>
internal static class DeltaRollup
{
    public const string UnknownChannel = "unknown";

    public static void Accumulate(UnitKey key, GrainDelta delta, Action<RowKey, ReadOnlySpan<long>> add)
    {
        var unit = new SeriesKey(key);
        foreach (var (minute, counters) in delta.Counters)
        {
            ReadOnlySpan<long> values = counters;
            foreach (var resolution in Measurement.Counters.Resolutions)
            {
                add(new RowKey(Measurement.Counters, resolution, unit, resolution.BucketOfMinute(minute)), values);
            }
        }

        Span<long> counts = stackalloc long[3];
        foreach (var (bucket, procedure) in delta.ProcedureTotals())
        {
            counts[0] = procedure.Received;
            counts[1] = procedure.Completed;
            counts[2] = procedure.CompletedLate;
            var series = new SeriesKey(key, LineProtocol.TagValue(bucket.Procedure), Channel(bucket.Channel));
            foreach (var resolution in Measurement.Procedures.Resolutions)
            {
                add(new RowKey(Measurement.Procedures, resolution, series, resolution.BucketOfMinute(bucket.Minute)), counts);
            }
        }
    }

    public static string Channel(DossierChannel? channel) => channel switch
    {
        DossierChannel.Online => "online",
        DossierChannel.InPerson => "in_person",
        DossierChannel.Postal => "postal",
        _ => UnknownChannel,
    };
}
