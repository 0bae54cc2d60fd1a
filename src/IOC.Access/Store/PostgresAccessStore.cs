using Microsoft.EntityFrameworkCore;
using IOC.Storage.Postgres;
using Npgsql;

namespace IOC.Access.Store;

/// <summary>
/// The access store of a cluster: the same tables as access.db (Identity's accounts, devices, producer keys, service
/// tokens, the audit log) in the schema <c>access</c> of a PostgreSQL database every node shares, plus the cookies'
/// key ring (<see cref="AccessKeyRing"/>). The schema is made at start, under an advisory lock, by whichever node
/// starts first; the audit log refuses UPDATE and DELETE in the server itself, as SQLite's triggers do.
/// </summary>
public sealed class PostgresAccessStore : AccessStore
{
    /// <summary>Advisory lock keys (constants no other application on the database uses; the inbox has 0x494F43xx).</summary>
    internal const long SchemaLock = 0x494F_4310;

    /// <summary>
    /// How long a starting node waits for another to finish its turn under a lock (the connection string's Command
    /// Timeout, a few seconds in a cluster, is for queries; another node's first start may take longer on a busy host).
    /// </summary>
    private const int LockWaitSeconds = 120;

    /// <summary>Connections one node keeps to the access store by default.</summary>
    public const int MaxConnections = 10;

    private readonly string _connectionString;
    private readonly DbContextOptions<AccessDbContext> _options;

    public PostgresAccessStore(string connectionString, string dataDir)
        : base(dataDir)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // Requests take turns on a few connections (the server's limit, ~100, is for every node and store together),
        // unless the connection string names its own Maximum Pool Size.
        if (builder.MaxPoolSize == new NpgsqlConnectionStringBuilder().MaxPoolSize)
        {
            builder.MaxPoolSize = MaxConnections;
        }

        _connectionString = connectionString = builder.ConnectionString;
        Describe = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database} (schema {AccessDbContext.PostgresSchema})";
        // A restarted server leaves the pool's connections dead: the first write on each fails once with a transient
        // error (57P01), so it is tried again, once more than the pool holds, instead of failing the person's action.
        _options = new DbContextOptionsBuilder<AccessDbContext>()
            .UseNpgsql(connectionString, o => o.EnableRetryOnFailure(builder.MaxPoolSize + 1, TimeSpan.FromSeconds(1), null))
            .Options;
    }

    public override bool Shared => true;

    public override string Describe { get; }

    public string ConnectionString => _connectionString;

    public override AccessDbContext CreateDbContext() => new(_options);

    public override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // Nodes starting together would race on creating the tables: one at a time; the others then find them.
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({SchemaLock})", cancellationToken, LockWaitSeconds);
            await ExecuteAsync(connection, transaction, $"CREATE SCHEMA IF NOT EXISTS {AccessDbContext.PostgresSchema}", cancellationToken);
            if (!await ExistsAsync(connection, transaction, "AspNetUsers", cancellationToken))
            {
                await ExecuteAsync(connection, transaction, Script(new AccessDbContext(_options)), cancellationToken);
            }

            if (!await ExistsAsync(connection, transaction, AccessKeyRing.Table, cancellationToken))
            {
                await ExecuteAsync(connection, transaction, Script(new AccessKeyRing(new DbContextOptionsBuilder<AccessKeyRing>().UseNpgsql(_connectionString).Options)), cancellationToken);
            }

            // Append-only in the server itself: no code path, ours or a mistaken one, can change a line.
            await ExecuteAsync(connection, transaction, $"""
                CREATE OR REPLACE FUNCTION {AccessDbContext.PostgresSchema}.audit_append_only() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
                DROP TRIGGER IF EXISTS audit_no_change ON {AccessDbContext.PostgresSchema}."AuditLog";
                CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON {AccessDbContext.PostgresSchema}."AuditLog"
                  FOR EACH ROW EXECUTE FUNCTION {AccessDbContext.PostgresSchema}.audit_append_only();
                """, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (PostgresFailure.IsUnavailable(ex))
        {
            throw new AccessStoreUnavailableException(Describe, ex);
        }
    }

    public override Task PingAsync(CancellationToken cancellationToken) =>
        PostgresPing.PingAsync(OpenAsync, ex => new AccessStoreUnavailableException(Describe, ex), cancellationToken);

    /// <summary>A session-level advisory lock on a connection of its own, released (and the connection closed) on dispose.</summary>
    public override async Task<IAsyncDisposable> LockAsync(long key, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({key})", cancellationToken, LockWaitSeconds);
            return new Held(connection, key);
        }
        catch (Exception ex)
        {
            await connection.DisposeAsync();
            if (PostgresFailure.IsUnavailable(ex))
            {
                throw new AccessStoreUnavailableException(Describe, ex);
            }

            throw;
        }
    }

    /// <summary>An open connection from the pool EF Core's contexts use too (the connection string's).</summary>
    private async ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>EF Core's CREATE script of a context's model (its tables, indexes and keys), run under the schema lock.</summary>
    private static string Script(DbContext context)
    {
        using (context)
        {
            return context.Database.GenerateCreateScript();
        }
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection, transaction);
        command.Parameters.AddWithValue($"{AccessDbContext.PostgresSchema}.\"{table}\"");
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, int? timeoutSeconds = null)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        if (timeoutSeconds is { } seconds)
        {
            command.CommandTimeout = seconds;
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed class Held(NpgsqlConnection connection, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({key})", CancellationToken.None);
            }
            finally
            {
                // Closing the session would release the lock anyway; the unlock above makes it prompt on a pooled one.
                await connection.DisposeAsync();
            }
        }
    }
}

/// <summary>The access store cannot be reached: the start stops naming the server, not with a driver's stack trace alone.</summary>
public sealed class AccessStoreUnavailableException(string store, Exception inner)
    : Exception($"The access store ({store}) cannot be reached: {inner.Message}", inner)
{
    /// <summary>Where the store is (<see cref="AccessStore.Describe"/>).</summary>
    public string Store { get; } = store;

    /// <summary>Why it cannot be reached (the driver's message).</summary>
    public string Reason => InnerException?.Message ?? Message;
}
