using Microsoft.EntityFrameworkCore;

namespace IOC.Access.Store;

/// <summary>
/// Where the access store is: <see cref="SqliteAccessStore"/> (access.db in the data folder, the embedded default) or
/// <see cref="PostgresAccessStore"/> (one database every node of a cluster shares; docs/cluster.md). Making a context
/// does no I/O on PostgreSQL: the schema is created at start by <see cref="AccessStoreStartup"/>.
/// </summary>
public abstract class AccessStore(string dataDir) : IDbContextFactory<AccessDbContext>
{
    /// <summary>The node's own data folder (the first-run password file is written there).</summary>
    public string DataDir { get; } = dataDir;

    /// <summary>True when other nodes write the same store: the registries then re-read it (<see cref="AccessRegistrySync"/>).</summary>
    public abstract bool Shared { get; }

    /// <summary>Where the store is, for messages ("access.db in /var/lib/ioc", "PostgreSQL db:5432/ioc").</summary>
    public abstract string Describe { get; }

    public abstract AccessDbContext CreateDbContext();

    /// <summary>Creates the tables when they are missing (at start, before anything reads them).</summary>
    public abstract Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>
    /// One cheap round trip to the store (<c>SELECT 1</c>), for /health: throws <see cref="AccessStoreUnavailableException"/>
    /// naming the store when it cannot be reached.
    /// </summary>
    public abstract Task PingAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Holds a lock that every node sharing the store respects, until disposed (the first-run admin: one account when
    /// three nodes start at once). On SQLite, one process: nothing to take.
    /// </summary>
    public virtual Task<IAsyncDisposable> LockAsync(long key, CancellationToken cancellationToken) => Task.FromResult<IAsyncDisposable>(NoLock.Instance);

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>
/// access.db in the data folder; the first context made creates it (<see cref="AccessStoreSetup"/>), so nothing reads
/// it before it exists, whichever service asks first.
/// </summary>
public sealed class SqliteAccessStore : AccessStore
{
    private readonly DbContextOptions<AccessDbContext> _options;
    private readonly Lazy<bool> _prepared;

    public SqliteAccessStore(string dataDir)
        : base(dataDir)
    {
        _options = new DbContextOptionsBuilder<AccessDbContext>().UseSqlite(AccessStoreSetup.ConnectionString(dataDir)).Options;
        _prepared = new Lazy<bool>(() =>
        {
            using var db = new AccessDbContext(_options);
            AccessStoreSetup.Prepare(db);
            return true;
        });
    }

    public override bool Shared => false;

    public string Path => System.IO.Path.Combine(DataDir, "access.db");

    public override string Describe => Path;

    public override AccessDbContext CreateDbContext()
    {
        _ = _prepared.Value;
        return new AccessDbContext(_options);
    }

    public override Task PrepareAsync(CancellationToken cancellationToken)
    {
        _ = _prepared.Value;
        return Task.CompletedTask;
    }

    public override async Task PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            // The file must be there (made at start): opening a missing one would quietly create an empty database.
            if (!File.Exists(Path))
            {
                throw new FileNotFoundException("access.db is missing", Path);
            }

            await using var db = CreateDbContext();
            await db.Database.ExecuteSqlRawAsync("SELECT 1", cancellationToken);
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            throw new AccessStoreUnavailableException(Describe, ex);
        }
    }
}
