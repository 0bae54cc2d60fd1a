using IOC.Domain.Events;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace IOC.Ingestion.Procedures;

/// <summary>
/// The names IOC knows for procedure codes: the operator's catalogue first (official, with its citation), then the
/// latest <c>procedureName</c> producers sent on <c>dossier.received</c> (latest by the event's <c>at</c>), kept in
/// <c>procedure-names.db</c> in the data folder. Fed after each inbox commit; read by the pages and the API.
/// </summary>
public sealed partial class ProcedureNameBook : IProcedureNames, IDisposable
{
    private readonly IReadOnlyDictionary<string, ProcedureName> _catalogue;
    private readonly Dictionary<string, (ProcedureName Name, long AtMs)> _learned = new(StringComparer.Ordinal);
    private readonly SqliteConnection _connection;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();

    static ProcedureNameBook() => SQLitePCL.Batteries_V2.Init();

    /// <exception cref="InvalidDataException">The catalogue file has a bad row.</exception>
    public ProcedureNameBook(string dataDir, ILogger<ProcedureNameBook> logger)
    {
        _logger = logger;
        _catalogue = ProcedureCatalogue.Load(Path.Combine(dataDir, ProcedureCatalogue.FileName));
        Directory.CreateDirectory(dataDir);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDir, "procedure-names.db"), Pooling = false }.ToString());
        _connection.Open();
        using (var create = _connection.CreateCommand())
        {
            create.CommandText = """
                PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;
                CREATE TABLE IF NOT EXISTS names (code TEXT PRIMARY KEY, name TEXT NOT NULL, at_ms INTEGER NOT NULL);
                """;
            create.ExecuteNonQuery();
        }

        using var read = _connection.CreateCommand();
        read.CommandText = "SELECT code, name, at_ms FROM names";
        using var rows = read.ExecuteReader();
        while (rows.Read())
        {
            _learned[rows.GetString(0)] = (new ProcedureName(rows.GetString(0), rows.GetString(1), ProcedureNameSource.Producer), rows.GetInt64(2));
        }

        LogLoaded(_logger, _catalogue.Count, _learned.Count);
    }

    public ProcedureName? Find(string code)
    {
        if (_catalogue.TryGetValue(code, out var official))
        {
            return official;
        }

        lock (_lock)
        {
            return _learned.TryGetValue(code, out var learned) ? learned.Name : null;
        }
    }

    /// <summary>
    /// Keeps the names of newly stored receipts. A failure to save is logged, never thrown: the events are already
    /// acknowledged, and the name is still used until the next start.
    /// </summary>
    public void Learn(IReadOnlyList<IocEvent> stored)
    {
        List<(string Code, string Name, long AtMs)>? changed = null;
        lock (_lock)
        {
            foreach (var e in stored)
            {
                if (e is not DossierReceived { ProcedureName: { } name } received)
                {
                    continue;
                }

                var atMs = received.At.ToUnixTimeMilliseconds();
                if (_learned.TryGetValue(received.Procedure, out var known) && (known.AtMs > atMs || known.Name.Name == name))
                {
                    continue;
                }

                _learned[received.Procedure] = (new ProcedureName(received.Procedure, name, ProcedureNameSource.Producer), atMs);
                (changed ??= []).Add((received.Procedure, name, atMs));
            }

            if (changed is not null)
            {
                Save(changed);
            }
        }
    }

    public void Dispose() => _connection.Dispose();

    private void Save(List<(string Code, string Name, long AtMs)> changed)
    {
        try
        {
            using var transaction = _connection.BeginTransaction();
            using var upsert = _connection.CreateCommand();
            upsert.Transaction = transaction;
            upsert.CommandText = """
                INSERT INTO names (code, name, at_ms) VALUES ($code, $name, $at)
                ON CONFLICT(code) DO UPDATE SET name = excluded.name, at_ms = excluded.at_ms WHERE excluded.at_ms >= names.at_ms
                """;
            var code = upsert.Parameters.Add("$code", SqliteType.Text);
            var name = upsert.Parameters.Add("$name", SqliteType.Text);
            var at = upsert.Parameters.Add("$at", SqliteType.Integer);
            foreach (var row in changed)
            {
                (code.Value, name.Value, at.Value) = (row.Code, row.Name, row.AtMs);
                upsert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
        catch (SqliteException ex)
        {
            LogSaveFailed(_logger, ex, changed.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Procedure names: {Catalogue} from procedure-names.csv, {Learned} from producers")]
    private static partial void LogLoaded(ILogger logger, int catalogue, int learned);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Procedure names: {Count} new names could not be saved to procedure-names.db; they are used until the next start")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, int count);
}
