using System.Buffers;
using System.Text;
using IOC.Domain.Units;
using IOC.History.Model;
using IOC.History.Store;

namespace IOC.History.Influx;

/// <summary>
/// The history on InfluxDB 1.x. One database; one retention policy per resolution (<c>minutes</c>: 48 h,
/// <c>hours</c>: 90 days, <c>days</c>: for ever), each holding the measurements <c>counters</c> and <c>procedures</c>.
/// Tags: <c>level</c>, <c>unit</c> (and <c>procedure</c>, <c>channel</c>); fields: integer counts only.
/// The rollups are written by the history writer itself, bucket by bucket, rather than by continuous queries
/// (see docs/history.md): late events land in the right hour and day, and every write stays idempotent.
/// </summary>
public sealed class InfluxHistoryStore(InfluxClient client, string database, Retention retention) : IHistoryStore
{
    private static readonly KeyValuePair<string, string?>[] NoTags = [];

    public string Kind => HistoryOptions.InfluxDb;

    public string Location => $"{client.Url} (database {database})";

    public static string RetentionPolicy(Resolution resolution) => resolution switch
    {
        Resolution.Minute => "minutes",
        Resolution.Hour => "hours",
        _ => "days",
    };

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await client.QueryAsync(null, $"CREATE DATABASE {InfluxQl.Identifier(database)}", cancellationToken);
        foreach (var resolution in Resolutions.All)
        {
            var duration = retention.Of(resolution) is { } keep ? InfluxQl.Duration(keep) : "INF";
            var policy = $"RETENTION POLICY {InfluxQl.Identifier(RetentionPolicy(resolution))} ON {InfluxQl.Identifier(database)} DURATION {duration} REPLICATION 1";
            try
            {
                await client.QueryAsync(null, "CREATE " + policy, cancellationToken);
            }
            catch (HistoryStoreException ex) when (ex.Message.Contains("already exists", StringComparison.Ordinal))
            {
                // Created earlier with another duration (the setting changed): follow the setting.
                await client.QueryAsync(null, "ALTER " + policy, cancellationToken);
            }
        }
    }

    public Task PingAsync(CancellationToken cancellationToken) => client.PingAsync(cancellationToken);

    public async Task WriteAsync(IReadOnlyList<HistoryPoint> points, CancellationToken cancellationToken)
    {
        try
        {
            await WriteOnceAsync(points, cancellationToken);
        }
        catch (HistoryStoreException ex) when (ex.InnerException is DatabaseNotFoundException)
        {
            // The database was dropped or InfluxDB wiped: create it again, then write (the buffer still has every point).
            await EnsureSchemaAsync(cancellationToken);
            await WriteOnceAsync(points, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<IReadOnlyList<HistoryRow>>> QueryAsync(IReadOnlyList<HistoryQuery> queries, CancellationToken cancellationToken)
    {
        if (queries.Count == 0)
        {
            return [];
        }

        var statements = await client.QueryAsync(database, string.Join(";\n", queries.Select(Statement)), cancellationToken);
        var answers = new List<IReadOnlyList<HistoryRow>>(queries.Count);
        for (var i = 0; i < queries.Count; i++)
        {
            var statement = statements.FirstOrDefault(s => s.Id == i)
                ?? throw new HistoryStoreException($"InfluxDB returned no result for statement {i} of {queries.Count}.");
            answers.Add(Rows(queries[i], statement));
        }

        return answers;
    }

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The InfluxQL of one query: server-side sums per series and group, fields named as stored.</summary>
    public string Statement(HistoryQuery query)
    {
        var m = query.Measurement;
        var text = new StringBuilder("SELECT ");
        text.AppendJoin(", ", query.FieldIndexes.Select(i => m.Fields[i]).Select(f => $"sum({InfluxQl.Identifier(f)}) AS {InfluxQl.Identifier(f)}"));
        text.Append($" FROM {InfluxQl.Identifier(database)}.{InfluxQl.Identifier(RetentionPolicy(query.Resolution))}.{InfluxQl.Identifier(m.Name)}");
        text.Append($" WHERE time >= {InfluxQl.Time(query.FromMs)} AND time < {InfluxQl.Time(query.ToMs)}");
        if (query.Unit is { } unit)
        {
            text.Append($" AND \"level\" = {InfluxQl.Literal(unit.Level.ToWire())} AND \"unit\" = {InfluxQl.Literal(unit.Code)}");
        }

        text.Append(" GROUP BY ");
        if (query.Group is { } group)
        {
            var offset = TimeSpan.FromMilliseconds(Resolutions.LocalOffsetMs(group));
            text.Append(offset == TimeSpan.Zero ? $"time({InfluxQl.Duration(group)}), " : $"time({InfluxQl.Duration(group)}, {InfluxQl.Duration(offset)}), ");
        }

        text.Append(m.ByProcedure ? "\"level\", \"unit\", \"procedure\", \"channel\"" : "\"level\", \"unit\"");
        if (query.Group is not null)
        {
            text.Append(" fill(none)");
        }

        return text.ToString();
    }

    private async Task WriteOnceAsync(IReadOnlyList<HistoryPoint> points, CancellationToken cancellationToken)
    {
        foreach (var resolution in points.GroupBy(p => p.Resolution))
        {
            var lines = new ArrayBufferWriter<byte>(points.Count * 160);
            foreach (var point in resolution)
            {
                LineProtocol.AppendPoint(lines, point.Measurement.Name, Tags(point.Series, point.Measurement), point.Measurement.Fields, point.Values, point.TimestampNs);
            }

            await client.WriteAsync(database, RetentionPolicy(resolution.Key), lines.WrittenMemory, cancellationToken);
        }
    }

    /// <summary>Tags in key order: channel, level, procedure, unit.</summary>
    public static KeyValuePair<string, string?>[] Tags(SeriesKey series, Measurement measurement) => measurement.ByProcedure
        ?
        [
            new("channel", series.Channel), new("level", series.Unit.Level.ToWire()),
            new("procedure", series.Procedure), new("unit", series.Unit.Code),
        ]
        : [new("level", series.Unit.Level.ToWire()), new("unit", series.Unit.Code)];

    private static List<HistoryRow> Rows(HistoryQuery query, InfluxStatement statement)
    {
        var m = query.Measurement;
        var rows = new List<HistoryRow>();
        foreach (var series in statement.Series)
        {
            var tags = series.Tags;
            if (!UnitLevelNames.TryParse(tags.GetValueOrDefault("level"), out var level) || tags.GetValueOrDefault("unit") is not { } code)
            {
                throw new HistoryStoreException($"InfluxDB series of {m.Name} without a valid level/unit tag.");
            }

            var key = new SeriesKey(new UnitKey(level, code), m.ByProcedure ? tags.GetValueOrDefault("procedure") : null, m.ByProcedure ? tags.GetValueOrDefault("channel") : null);
            var time = series.Column("time");
            var fields = m.Fields.Select(series.Column).ToArray();
            foreach (var cells in series.Rows)
            {
                var values = new long[fields.Length];
                for (var i = 0; i < fields.Length; i++)
                {
                    values[i] = fields[i] < 0 ? 0 : InfluxResultParser.AsLong(cells[fields[i]]);
                }

                var start = query.Group is null ? query.FromMs : InfluxResultParser.AsLong(cells[time]);
                rows.Add(new HistoryRow(key, start, values));
            }
        }

        rows.Sort((a, b) => a.StartMs.CompareTo(b.StartMs));
        return rows;
    }
}
