namespace IOC.Ingestion.Tests.Inbox.Postgres;

/// <summary>One PostgreSQL server for every test that needs one (each test takes a database of its own).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
