using System.Data.Common;
using IOC.Domain.Units;
using IOC.Grains.Alerts.Evaluation;
using IOC.Grains.Alerts.Rules;

namespace IOC.Alerts.Storage;

/// <summary>
/// What the SQLite and PostgreSQL alert stores share: the history filter as SQL (each store names its own table and
/// parameter style) and the rows read back, so both answer alike.
/// </summary>
internal static class AlertRows
{
    /// <summary>
    /// The history query of <paramref name="filter"/> over <paramref name="table"/>, newest first; <paramref name="parameter"/>
    /// names the n-th parameter (0-based) as the store's SQL writes it.
    /// </summary>
    public static (string Sql, object[] Args) HistoryQuery(AlertHistoryFilter filter, string table, Func<int, string> parameter)
    {
        var where = new List<string>();
        var args = new List<object>();
        void Add(string column, string op, object value)
        {
            where.Add($"{column} {op} {parameter(args.Count)}");
            args.Add(value);
        }

        if (filter.Unit is { } unit)
        {
            Add("level", "=", unit.Level.ToWire());
            Add("code", "=", unit.Code);
        }

        if (filter.RuleId is { } rule)
        {
            Add("rule_id", "=", rule);
        }

        if (filter.Severity is { } severity)
        {
            Add("severity", "=", severity.ToWire());
        }

        if (filter.From is { } from)
        {
            Add("at_ms", ">=", from.ToUnixTimeMilliseconds());
        }

        if (filter.To is { } to)
        {
            Add("at_ms", "<", to.ToUnixTimeMilliseconds());
        }

        var limit = parameter(args.Count);
        args.Add(Math.Clamp(filter.Limit, 1, 10_000));
        var sql = $"SELECT seq, at_ms, kind, from_state, json FROM {table}"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "")
            + $" ORDER BY seq DESC LIMIT {limit}";
        return (sql, [.. args]);
    }

    /// <summary>Reads every row with <paramref name="read"/>.</summary>
    public static List<T> ReadAll<T>(DbCommand command, Func<DbDataReader, T> read)
    {
        using var reader = command.ExecuteReader();
        var list = new List<T>();
        while (reader.Read())
        {
            list.Add(read(reader));
        }

        return list;
    }

    /// <summary>A row of <see cref="HistoryQuery"/>.</summary>
    public static AlertHistoryEntry History(DbDataReader r) => new(
        r.GetInt64(0),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)),
        Enum.Parse<AlertChangeKind>(r.GetString(2)),
        Enum.Parse<AlertState>(r.GetString(3)),
        AlertJson.Read<AlertView>(r.GetString(4)));

    /// <summary>A row of <c>SELECT at_ms, by, action, subject, detail</c>.</summary>
    public static AlertAuditEntry Audit(DbDataReader r) =>
        new(DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(0)), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4));

    /// <summary>A row of the dead letters' select (id, at_ms, target, attempts, error, body).</summary>
    public static WebhookDeadLetter DeadLetter(DbDataReader r) =>
        new(r.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), r.GetString(2), r.GetInt32(3), r.GetString(4), r.GetString(5));
}
