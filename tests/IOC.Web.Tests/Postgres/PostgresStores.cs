using IOC.Ingestion.Tests.Inbox.Postgres;
using IOC.Web.Tests.Access;

namespace IOC.Web.Tests.Postgres;

/// <summary>
/// One real PostgreSQL (scripts/postgres.sh) for every test class of the collection, each factory on a database of
/// its own. Never skipped: without PostgreSQL these tests fail with the script's message.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresStores : ICollectionFixture<PostgresStores.Fixture>
{
    public const string Name = "PostgreSQL stores";

    /// <summary>The server the collection started (collection fixtures are made before the classes' own).</summary>
    public static PostgresServer Server => Current ?? throw new InvalidOperationException($"Only tests of the collection '{Name}' reach the PostgreSQL server.");

    internal static PostgresServer? Current { get; set; }

    /// <summary>A new database's connection string (for one "cluster" of hosts).</summary>
    public static string NewDatabase() => Server.NewDatabaseAsync().GetAwaiter().GetResult();

    /// <summary>
    /// The settings that put the inbox, the access and the alert stores in <paramref name="database"/>, as
    /// scripts/cluster.sh does: a host started again with a new data folder finds everything (nothing on its disk).
    /// </summary>
    public static Dictionary<string, string?> Settings(string database) => new()
    {
        ["Storage:Inbox"] = "postgres",
        ["ConnectionStrings:Inbox"] = database,
        ["Storage:Access"] = "postgres",
        ["ConnectionStrings:Access"] = database,
        ["Storage:Alerts"] = "postgres",
        ["ConnectionStrings:Alerts"] = database,
        ["Access:SyncMilliseconds"] = "500",
    };

    /// <summary>
    /// Starts the server before the collection's classes make their factories (xUnit makes collection fixtures first)
    /// and lends it to them; stops it by its PID at the end.
    /// </summary>
    public sealed class Fixture : IAsyncLifetime
    {
        private readonly PostgresServer _server = new();

        public async Task InitializeAsync()
        {
            await _server.InitializeAsync();
            Current = _server;
        }

        public async Task DisposeAsync()
        {
            Current = null;
            await _server.DisposeAsync();
        }
    }
}


/// <summary><see cref="AccessFactory"/> with the access and alert stores in PostgreSQL: a new database, or a given one (another node).</summary>
public class PostgresAccessFactory : AccessFactory
{
    private string? _database;

    /// <summary>The database (a new one unless set: set it to the first node's for another node).</summary>
    public string Database
    {
        get => _database ??= PostgresStores.NewDatabase();
        init => _database = value;
    }

    protected override IDictionary<string, string?> Extra => PostgresStores.Settings(Database);
}
