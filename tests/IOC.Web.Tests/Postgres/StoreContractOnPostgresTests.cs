using IOC.Web.Tests.Access;
using IOC.Web.Tests.Alerts;

namespace IOC.Web.Tests.Postgres;

// The access and alert stores' tests, again with both stores in PostgreSQL (Storage:Access=postgres,
// Storage:Alerts=postgres): the same contract as the embedded SQLite files.

[Collection(PostgresStores.Name)]
public sealed class ProducerKeyTestsOnPostgres(PostgresAccessFactory factory) : ProducerKeyTests(factory), IClassFixture<PostgresAccessFactory>;

[Collection(PostgresStores.Name)]
public sealed class DeviceTestsOnPostgres(PostgresAccessFactory factory) : DeviceTests(factory), IClassFixture<PostgresAccessFactory>;

/// <summary>The alert tests, the restart one included: a new host with a new data folder finds the firing alert in the database.</summary>
[Collection(PostgresStores.Name)]
public sealed class AlertsApiTestsOnPostgres : AlertsApiTests
{
    protected override IocWebFactory NewFactory() => new PostgresWebFactory(PostgresStores.NewDatabase());

    protected override IocWebFactory Restart(IocWebFactory before) => new PostgresWebFactory(((PostgresWebFactory)before).Database);
}

/// <summary>The test host (test identity: admin) with the access and alert stores in a PostgreSQL database.</summary>
public sealed class PostgresWebFactory(string database) : IocWebFactory
{
    public string Database => database;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>(base.Settings);
            foreach (var (key, value) in PostgresStores.Settings(database))
            {
                settings[key] = value;
            }

            return settings;
        }
    }
}
