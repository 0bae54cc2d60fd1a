using IOC.Alerts.Rules;
using IOC.Domain.Units;
using IOC.Grains.Alerts.Evaluation;
using IOC.Grains.Alerts.Ports;
using IOC.Grains.Alerts.Rules;
using Microsoft.Extensions.Logging;
using IOC.Storage.Postgres;
using Npgsql;

namespace IOC.Alerts.Storage;

/// <summary>
/// The alert store of a cluster: the tables of alerts.db in the schema <c>alerts</c> of a PostgreSQL database every
/// node shares. The rules and silences (written by the one config grain, wherever it lives), the instances not normal
/// (a unit grain that reactivates on another node takes them back), the history every node's grains write and every
/// node reads, the audit and the webhook dead letters. Building it does no I/O: <see cref="PrepareAsync"/> makes the
/// schema at start, under an advisory lock.
/// </summary>
public sealed class PostgresAlertStore : IAlertStore, IDisposable
{
    /// <summary>Advisory lock keys (the inbox has 0x494F4300/01, the access store 0x494F4310/11).</summary>
    internal const long SchemaLock = 0x494F_4320;

    private const long SeedLock = 0x494F_4321;

    /// <summary>How long a starting node waits for another's turn under a lock (longer than a query's Command Timeout).</summary>
    private const int LockWaitSeconds = 120;

    /// <summary>Connections one node keeps to the alert store, unless the connection string names its own Maximum Pool Size.</summary>
    public const int MaxConnections = 8;

    private readonly NpgsqlDataSource _source;
    private readonly Func<IReadOnlyList<AlertRule>> _seed;
    private readonly AlertRuleChecker _checker;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <param name="seed">The rules of a first start (the seed file), read only when the database holds none yet.</param>
    public PostgresAlertStore(string connectionString, Func<IReadOnlyList<AlertRule>> seed, AlertRuleChecker checker, TimeProvider time, ILogger<PostgresAlertStore> logger)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Describe = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database} (schema alerts)";
        // Every unit grain reads its instances when it activates, all at once at start (and on a survivor when a node
        // dies): they take turns on a few connections instead of opening one each (the server's limit is ~100 for all nodes).
        if (builder.MaxPoolSize == new NpgsqlConnectionStringBuilder().MaxPoolSize)
        {
            builder.MaxPoolSize = MaxConnections;
        }

        _source = NpgsqlDataSource.Create(builder.ConnectionString);
        (_seed, _checker, _time, _logger) = (seed, checker, time, logger);
    }

    public string Describe { get; }

    /// <summary>Creates the tables when missing; nodes starting together take turns.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _source.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var wait = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({SchemaLock})", connection, transaction) { CommandTimeout = LockWaitSeconds })
            {
                await wait.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var command = new NpgsqlCommand(
                $"""
                CREATE SCHEMA IF NOT EXISTS alerts;
                CREATE TABLE IF NOT EXISTS alerts.meta (key text PRIMARY KEY, value bigint NOT NULL);
                CREATE TABLE IF NOT EXISTS alerts.rules (id text PRIMARY KEY, position bigint NOT NULL, json text NOT NULL);
                CREATE TABLE IF NOT EXISTS alerts.silences (id text PRIMARY KEY, until_ms bigint NOT NULL, json text NOT NULL);
                CREATE TABLE IF NOT EXISTS alerts.instances (id text PRIMARY KEY, level text NOT NULL, code text NOT NULL, json text NOT NULL);
                CREATE INDEX IF NOT EXISTS instances_unit ON alerts.instances (level, code);
                CREATE TABLE IF NOT EXISTS alerts.history (
                  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at_ms bigint NOT NULL, kind text NOT NULL,
                  from_state text NOT NULL, alert_id text NOT NULL, rule_id text NOT NULL, level text NOT NULL,
                  code text NOT NULL, severity text NOT NULL, json text NOT NULL);
                CREATE INDEX IF NOT EXISTS history_at ON alerts.history (at_ms);
                CREATE TABLE IF NOT EXISTS alerts.dead_letters (
                  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, delivery_id text NOT NULL, at_ms bigint NOT NULL,
                  url text NOT NULL, attempts integer NOT NULL, reason text NOT NULL, body text NOT NULL);
                CREATE TABLE IF NOT EXISTS alerts.audit (
                  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at_ms bigint NOT NULL, by_whom text NOT NULL,
                  action text NOT NULL, subject text NOT NULL, detail text NOT NULL);
                """,
                connection,
                transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (PostgresFailure.IsUnavailable(ex))
        {
            throw new AlertStoreUnavailableException(Describe, ex);
        }
    }

    public async Task<AlertConfig> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _source.OpenConnectionAsync(cancellationToken);
            var version = await SeedOnceAsync(connection, cancellationToken);
            var rules = StoredRules.Check(await StringsAsync(connection, "SELECT json FROM alerts.rules ORDER BY position", cancellationToken), _checker, _logger);
            var cutoff = _time.GetUtcNow().AddDays(-1).ToUnixTimeMilliseconds();
            var silences = (await StringsAsync(connection, "SELECT json FROM alerts.silences WHERE until_ms > $1 ORDER BY until_ms", cancellationToken, cutoff))
                .Select(AlertJson.Read<AlertSilence>).ToList();
            return new AlertConfig(version, rules, silences);
        }
        catch (Exception ex) when (PostgresFailure.IsUnavailable(ex))
        {
            throw new AlertStoreUnavailableException(Describe, ex);
        }
    }

    public Task SaveRuleAsync(AlertRule rule, long version, CancellationToken cancellationToken) =>
        InTransactionAsync(async (connection, transaction) =>
        {
            await RunAsync(connection, transaction, """
                INSERT INTO alerts.rules (id, position, json)
                VALUES ($1, (SELECT COALESCE(MAX(position) + 1, 0) FROM alerts.rules), $2)
                ON CONFLICT (id) DO UPDATE SET json = excluded.json
                """, cancellationToken, rule.Id, AlertJson.Write(AlertRuleDraft.From(rule)));
            await SetVersionAsync(connection, transaction, version, cancellationToken);
        }, cancellationToken);

    public Task SaveSilenceAsync(AlertSilence silence, long version, CancellationToken cancellationToken) =>
        InTransactionAsync(async (connection, transaction) =>
        {
            await RunAsync(connection, transaction, """
                INSERT INTO alerts.silences (id, until_ms, json) VALUES ($1, $2, $3)
                ON CONFLICT (id) DO UPDATE SET until_ms = excluded.until_ms, json = excluded.json
                """, cancellationToken, silence.Id, (silence.EndedAt ?? silence.Until).ToUnixTimeMilliseconds(), AlertJson.Write(silence));
            await SetVersionAsync(connection, transaction, version, cancellationToken);
        }, cancellationToken);

    /// <summary>The unit's instances that were not normal when last recorded (by whichever node hosted its grain).</summary>
    async Task<IReadOnlyList<AlertView>> IAlertRecovery.LoadAsync(UnitKey unit, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _source.OpenConnectionAsync(cancellationToken);
            return [.. (await StringsAsync(connection, "SELECT json FROM alerts.instances WHERE level = $1 AND code = $2", cancellationToken, unit.Level.ToWire(), unit.Code))
                .Select(AlertJson.Read<AlertView>)];
        }
        catch (Exception ex) when (PostgresFailure.IsUnavailable(ex))
        {
            throw new AlertStoreUnavailableException(Describe, ex);
        }
    }

    public Task PingAsync(CancellationToken cancellationToken) =>
        _source.PingAsync(ex => new AlertStoreUnavailableException(Describe, ex), cancellationToken);

    public void Write(IReadOnlyList<AlertChange> changes) => Sync(connection =>
    {
        using var transaction = connection.BeginTransaction();
        foreach (var change in changes)
        {
            var alert = change.Alert;
            var json = AlertJson.Write(alert);
            Run(connection, transaction, "INSERT INTO alerts.history (at_ms, kind, from_state, alert_id, rule_id, level, code, severity, json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                change.At.ToUnixTimeMilliseconds(), change.Kind.ToString(), change.From.ToString(), alert.Id, alert.RuleId,
                alert.Unit.Level.ToWire(), alert.Unit.Code, alert.Severity.ToWire(), json);
            if (alert.State == AlertState.Normal)
            {
                Run(connection, transaction, "DELETE FROM alerts.instances WHERE id = $1", alert.Id);
            }
            else
            {
                Run(connection, transaction, "INSERT INTO alerts.instances (id, level, code, json) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET json = excluded.json",
                    alert.Id, alert.Unit.Level.ToWire(), alert.Unit.Code, json);
            }
        }

        transaction.Commit();
        return 0;
    });

    public IReadOnlyList<AlertHistoryEntry> History(AlertHistoryFilter filter)
    {
        var (sql, args) = AlertRows.HistoryQuery(filter, "alerts.history", n => $"${n + 1}");
        return Sync(connection =>
        {
            using var command = Command(connection, null, sql, args);
            return AlertRows.ReadAll(command, AlertRows.History);
        });
    }

    public void Audit(AlertAuditEntry entry) => Sync(connection =>
        Run(connection, null, "INSERT INTO alerts.audit (at_ms, by_whom, action, subject, detail) VALUES ($1, $2, $3, $4, $5)",
            entry.At.ToUnixTimeMilliseconds(), entry.By, entry.Action, entry.Subject, entry.Detail));

    public IReadOnlyList<AlertAuditEntry> AuditTrail(int limit = 500) => Sync(connection =>
    {
        using var command = Command(connection, null, "SELECT at_ms, by_whom, action, subject, detail FROM alerts.audit ORDER BY seq DESC LIMIT $1", limit);
        return AlertRows.ReadAll(command, AlertRows.Audit);
    });

    public void AddDeadLetter(WebhookDeadLetter letter) => Sync(connection =>
        Run(connection, null, "INSERT INTO alerts.dead_letters (delivery_id, at_ms, url, attempts, reason, body) VALUES ($1, $2, $3, $4, $5, $6)",
            letter.DeliveryId, letter.At.ToUnixTimeMilliseconds(), letter.Url, letter.Attempts, letter.Reason, letter.Body));

    public IReadOnlyList<WebhookDeadLetter> DeadLetters(int limit = 100) => Sync(connection =>
    {
        using var command = Command(connection, null, "SELECT delivery_id, at_ms, url, attempts, reason, body FROM alerts.dead_letters ORDER BY seq DESC LIMIT $1", limit);
        return AlertRows.ReadAll(command, AlertRows.DeadLetter);
    });

    public void Dispose() => _source.Dispose();

    /// <summary>A first start seeds the rules from the file, once, whichever node's config grain gets there first.</summary>
    private async Task<long> SeedOnceAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var wait = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({SeedLock})", connection, transaction) { CommandTimeout = LockWaitSeconds })
        {
            await wait.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var read = Command(connection, transaction, "SELECT value FROM alerts.meta WHERE key = 'version'"))
        {
            if (await read.ExecuteScalarAsync(cancellationToken) is long stored)
            {
                await transaction.CommitAsync(cancellationToken);
                return stored;
            }
        }

        var position = 0L;
        foreach (var rule in _seed())
        {
            await RunAsync(connection, transaction, "INSERT INTO alerts.rules (id, position, json) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET json = excluded.json",
                cancellationToken, rule.Id, position++, AlertJson.Write(AlertRuleDraft.From(rule)));
        }

        await SetVersionAsync(connection, transaction, 1, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return 1;
    }

    private static Task SetVersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long version, CancellationToken cancellationToken) =>
        RunAsync(connection, transaction, "INSERT INTO alerts.meta (key, value) VALUES ('version', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value", cancellationToken, version);

    private async Task InTransactionAsync(Func<NpgsqlConnection, NpgsqlTransaction, Task> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _source.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await work(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (PostgresFailure.IsUnavailable(ex))
        {
            throw new AlertStoreUnavailableException(Describe, ex);
        }
    }

    private T Sync<T>(Func<NpgsqlConnection, T> work)
    {
        try
        {
            using var connection = _source.OpenConnection();
            return work(connection);
        }
        catch (Exception ex) when (PostgresFailure.IsUnavailable(ex))
        {
            throw new AlertStoreUnavailableException(Describe, ex);
        }
    }

    private static async Task<List<string>> StringsAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] args)
    {
        await using var command = Command(connection, null, sql, args);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }

    private static async Task RunAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params object[] args)
    {
        await using var command = Command(connection, transaction, sql, args);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static int Run(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params object[] args)
    {
        using var command = Command(connection, transaction, sql, args);
        return command.ExecuteNonQuery();
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params object[] args)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        }

        return command;
    }
}

/// <summary>The alert store cannot be reached: the message names the server.</summary>
public sealed class AlertStoreUnavailableException(string store, Exception inner)
    : Exception($"The alert store ({store}) cannot be reached: {inner.Message}", inner)
{
    /// <summary>Where the store is (<see cref="IAlertStore.Describe"/>).</summary>
    public string Store { get; } = store;

    /// <summary>Why it cannot be reached (the driver's message).</summary>
    public string Reason => InnerException?.Message ?? Message;

    /// <summary>This exception, or the one it wraps (a grain call may wrap the store's exception).</summary>
    public static AlertStoreUnavailableException? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is AlertStoreUnavailableException found)
            {
                return found;
            }
        }

        return null;
    }
}
