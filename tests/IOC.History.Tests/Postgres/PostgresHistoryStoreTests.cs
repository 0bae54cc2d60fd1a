using IOC.History.Postgres;
using IOC.History.Store;
using IOC.History.Tests.Sqlite;
using IOC.Ingestion.Tests.Inbox.Postgres;

namespace IOC.History.Tests.Postgres;

/// <summary>The history store contract against a real PostgreSQL (scripts/postgres.sh), each test in a database of its own.</summary>
public sealed class PostgresHistoryStoreTests(PostgresServer server) : HistoryStoreContract, IClassFixture<PostgresServer>
{
    protected override async Task<IHistoryStore> CreateAsync(Retention retention, TimeProvider time) =>
        new PostgresHistoryStore(await server.NewDatabaseAsync(), retention, time);
}
