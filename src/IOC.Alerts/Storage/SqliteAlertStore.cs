using IOC.Alerts.Rules;
using IOC.Domain.Units;
using IOC.Grains.Alerts.Evaluation;
using IOC.Grains.Alerts.Ports;
using IOC.Grains.Alerts.Rules;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace IOC.Alerts.Storage;

/// <summary>
/// alerts.db in the data folder: the rules and silences with the configuration's version (seeded from
/// seed-data/alert-rules.csv on a first start), every instance not normal (what a restarted grain takes back), the
/// history of recorded changes, and the audit of who changed rules and silences. One connection, one caller at a time.
/// </summary>
public sealed class SqliteAlertStore : IAlertStore, IDisposable
{
    private readonly Lock _gate = new();
    private readonly SqliteConnection _connection;
    private readonly Func<IReadOnlyList<AlertRule>> _seed;
    private readonly AlertRuleChecker _checker;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    static SqliteAlertStore() => SQLitePCL.Batteries_V2.Init();

    /// <param name="seed">The rules of a first start (the seed file), read only then.</param>
    public SqliteAlertStore(string path, Func<IReadOnlyList<AlertRule>> seed, AlertRuleChecker checker, TimeProvider time, ILogger<SqliteAlertStore> logger)
    {
        Path = path;
        _seed = seed;
        _checker = checker;
        _time = time;
        _logger = logger;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS rules (id TEXT PRIMARY KEY, position INTEGER NOT NULL, json TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS silences (id TEXT PRIMARY KEY, until_ms INTEGER NOT NULL, json TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS instances (id TEXT PRIMARY KEY, level TEXT NOT NULL, code TEXT NOT NULL, json TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS history (
              seq INTEGER PRIMARY KEY AUTOINCREMENT, at_ms INTEGER NOT NULL, kind TEXT NOT NULL, from_state TEXT NOT NULL,
              alert_id TEXT NOT NULL, rule_id TEXT NOT NULL, level TEXT NOT NULL, code TEXT NOT NULL, severity TEXT NOT NULL,
              json TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS history_at ON history (at_ms);
            CREATE TABLE IF NOT EXISTS dead_letters (seq INTEGER PRIMARY KEY AUTOINCREMENT, delivery_id TEXT NOT NULL, at_ms INTEGER NOT NULL,
              url TEXT NOT NULL, attempts INTEGER NOT NULL, reason TEXT NOT NULL, body TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, at_ms INTEGER NOT NULL, by TEXT NOT NULL,
              action TEXT NOT NULL, subject TEXT NOT NULL, detail TEXT NOT NULL);
            """);
    }

    public string Path { get; }

    public string Describe => Path;

    /// <summary>The file is there and answers (a disk that went away, or the file deleted under the process, does not).</summary>
    public Task PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!File.Exists(Path))
            {
                throw new FileNotFoundException("alerts.db is missing", Path);
            }

            lock (_gate)
            {
                Scalar("SELECT 1", null);
            }
        }
        catch (Exception ex) when (ex is SqliteException or IOException)
        {
            throw new AlertStoreUnavailableException(Describe, ex);
        }

        return Task.CompletedTask;
    }

    public Task<AlertConfig> LoadAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Version() is not { } version)
            {
                // A first start: the seed file's rules become the stored ones (later edits go through the API).
                using var transaction = _connection.BeginTransaction();
                var position = 0;
                foreach (var rule in _seed())
                {
                    UpsertRule(rule, position++, transaction);
                }

                SetVersion(1, transaction);
                transaction.Commit();
                version = 1;
            }

            var rules = StoredRules.Check(Strings("SELECT json FROM rules ORDER BY position"), _checker, _logger);
            var cutoff = _time.GetUtcNow().AddDays(-1).ToUnixTimeMilliseconds();
            var silences = Strings("SELECT json FROM silences WHERE until_ms > $p0 ORDER BY until_ms", cutoff)
                .Select(AlertJson.Read<AlertSilence>).ToList();
            return Task.FromResult(new AlertConfig(version, rules, silences));
        }
    }

    public Task SaveRuleAsync(AlertRule rule, long version, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            var position = Scalar("SELECT position FROM rules WHERE id = $p0", transaction, rule.Id)
                ?? Scalar("SELECT COALESCE(MAX(position) + 1, 0) FROM rules", transaction)!.Value;
            UpsertRule(rule, position, transaction);
            SetVersion(version, transaction);
            transaction.Commit();
        }

        return Task.CompletedTask;
    }

    public Task SaveSilenceAsync(AlertSilence silence, long version, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            Run("INSERT INTO silences (id, until_ms, json) VALUES ($p0, $p1, $p2) ON CONFLICT(id) DO UPDATE SET until_ms = excluded.until_ms, json = excluded.json",
                transaction, silence.Id, (silence.EndedAt ?? silence.Until).ToUnixTimeMilliseconds(), AlertJson.Write(silence));
            SetVersion(version, transaction);
            transaction.Commit();
        }

        return Task.CompletedTask;
    }

    /// <summary>The unit's instances that were not normal when last recorded.</summary>
    Task<IReadOnlyList<AlertView>> IAlertRecovery.LoadAsync(UnitKey unit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AlertView>>(
                [.. Strings("SELECT json FROM instances WHERE level = $p0 AND code = $p1", unit.Level.ToWire(), unit.Code).Select(AlertJson.Read<AlertView>)]);
        }
    }

    /// <summary>Records changes in one transaction: each in the history, and the instance's latest state.</summary>
    public void Write(IReadOnlyList<AlertChange> changes)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            foreach (var change in changes)
            {
                var alert = change.Alert;
                var json = AlertJson.Write(alert);
                Run("INSERT INTO history (at_ms, kind, from_state, alert_id, rule_id, level, code, severity, json) VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8)",
                    transaction, change.At.ToUnixTimeMilliseconds(), change.Kind.ToString(), change.From.ToString(), alert.Id, alert.RuleId,
                    alert.Unit.Level.ToWire(), alert.Unit.Code, alert.Severity.ToWire(), json);
                if (alert.State == AlertState.Normal)
                {
                    Run("DELETE FROM instances WHERE id = $p0", transaction, alert.Id);
                }
                else
                {
                    Run("INSERT INTO instances (id, level, code, json) VALUES ($p0, $p1, $p2, $p3) ON CONFLICT(id) DO UPDATE SET json = excluded.json",
                        transaction, alert.Id, alert.Unit.Level.ToWire(), alert.Unit.Code, json);
                }
            }

            transaction.Commit();
        }
    }

    /// <summary>The recorded changes that pass the filter, newest first.</summary>
    public IReadOnlyList<AlertHistoryEntry> History(AlertHistoryFilter filter)
    {
        var (sql, args) = AlertRows.HistoryQuery(filter, "history", n => $"$p{n}");
        lock (_gate)
        {
            using var command = Command(sql, null, args);
            return AlertRows.ReadAll(command, AlertRows.History);
        }
    }

    /// <summary>Records who changed a rule or a silence.</summary>
    public void Audit(AlertAuditEntry entry)
    {
        lock (_gate)
        {
            Run("INSERT INTO audit (at_ms, by, action, subject, detail) VALUES ($p0, $p1, $p2, $p3, $p4)",
                null, entry.At.ToUnixTimeMilliseconds(), entry.By, entry.Action, entry.Subject, entry.Detail);
        }
    }

    /// <summary>The audit, newest first.</summary>
    public IReadOnlyList<AlertAuditEntry> AuditTrail(int limit = 500)
    {
        lock (_gate)
        {
            using var command = Command("SELECT at_ms, by, action, subject, detail FROM audit ORDER BY seq DESC LIMIT $p0", null, limit);
            return AlertRows.ReadAll(command, AlertRows.Audit);
        }
    }

    /// <summary>Keeps a webhook delivery that failed its last try.</summary>
    public void AddDeadLetter(WebhookDeadLetter letter)
    {
        lock (_gate)
        {
            Run("INSERT INTO dead_letters (delivery_id, at_ms, url, attempts, reason, body) VALUES ($p0, $p1, $p2, $p3, $p4, $p5)",
                null, letter.DeliveryId, letter.At.ToUnixTimeMilliseconds(), letter.Url, letter.Attempts, letter.Reason, letter.Body);
        }
    }

    /// <summary>The dead letters, newest first.</summary>
    public IReadOnlyList<WebhookDeadLetter> DeadLetters(int limit = 100)
    {
        lock (_gate)
        {
            using var command = Command("SELECT delivery_id, at_ms, url, attempts, reason, body FROM dead_letters ORDER BY seq DESC LIMIT $p0", null, limit);
            return AlertRows.ReadAll(command, AlertRows.DeadLetter);
        }
    }

    public void Dispose() => _connection.Dispose();

    private void UpsertRule(AlertRule rule, long position, SqliteTransaction transaction) =>
        Run("INSERT INTO rules (id, position, json) VALUES ($p0, $p1, $p2) ON CONFLICT(id) DO UPDATE SET json = excluded.json",
            transaction, rule.Id, position, AlertJson.Write(AlertRuleDraft.From(rule)));

    private long? Version() => Scalar("SELECT value FROM meta WHERE key = 'version'", null);

    private void SetVersion(long version, SqliteTransaction transaction) =>
        Run("INSERT INTO meta (key, value) VALUES ('version', $p0) ON CONFLICT(key) DO UPDATE SET value = excluded.value", transaction, version);

    private List<string> Strings(string sql, params object[] args)
    {
        using var command = Command(sql, null, args);
        using var reader = command.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }

    private long? Scalar(string sql, SqliteTransaction? transaction, params object[] args)
    {
        using var command = Command(sql, transaction, args);
        return command.ExecuteScalar() is long value ? value : null;
    }

    private void Run(string sql, SqliteTransaction? transaction, params object[] args)
    {
        using var command = Command(sql, transaction, args);
        command.ExecuteNonQuery();
    }

    private void Execute(string sql) => Run(sql, null);

    private SqliteCommand Command(string sql, SqliteTransaction? transaction, params object[] args)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        for (var i = 0; i < args.Length; i++)
        {
            command.Parameters.AddWithValue($"$p{i}", args[i]);
        }

        return command;
    }
}
