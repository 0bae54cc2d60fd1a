using System.Data.Common;
using IOC.Domain.Units;
using IOC.History.Model;

namespace IOC.History.Store;

/// <summary>
/// One row of a range query as the SQL stores (SQLite, PostgreSQL) select it: the tags (level, unit, and for
/// per-procedure measurements procedure and channel), the bucket start, then the asked fields in order.
/// </summary>
internal static class HistoryRowReader
{
    public static HistoryRow Read(DbDataReader reader, Measurement measurement, int[] fields)
    {
        var tagCount = measurement.ByProcedure ? 4 : 2;
        UnitLevelNames.TryParse(reader.GetString(0), out var level);
        var series = measurement.ByProcedure
            ? new SeriesKey(new UnitKey(level, reader.GetString(1)), reader.GetString(2), reader.GetString(3))
            : new SeriesKey(new UnitKey(level, reader.GetString(1)));
        var values = new long[measurement.Fields.Count];
        for (var i = 0; i < fields.Length; i++)
        {
            values[fields[i]] = reader.GetInt64(tagCount + 1 + i);
        }

        return new HistoryRow(series, reader.GetInt64(tagCount), values);
    }
}
