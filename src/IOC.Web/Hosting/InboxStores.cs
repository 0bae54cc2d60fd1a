using IOC.Grains.Ports;
using IOC.Ingestion.Inbox;
using IOC.Ingestion.Inbox.Postgres;
using Microsoft.Extensions.Options;

namespace IOC.Web.Hosting;

/// <summary>
/// Which store keeps the inbox and the quarantine: SQLite in the data folder (<c>Storage:Inbox=sqlite</c>, the embedded
/// default), or the PostgreSQL database every node of a cluster shares (<c>Storage:Inbox=postgres</c> with
/// <c>ConnectionStrings:Inbox</c>; docs/cluster.md).
/// </summary>
public static class InboxStores
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public static IServiceCollection AddIocInbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IInbox>(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return storage.Inbox.ToLowerInvariant() switch
            {
                Sqlite => new SqliteInbox(Path.Combine(storage.ResolveDataDir(), "inbox.db"), storage.FullSync),
                Postgres => new PostgresInbox(configuration.GetConnectionString("Inbox") is { Length: > 0 } connection
                    ? connection
                    : throw new OptionsValidationException("ConnectionStrings:Inbox", typeof(StorageOptions), ["Storage:Inbox is postgres but ConnectionStrings:Inbox (ConnectionStrings__Inbox) is empty."])),
                _ => throw new OptionsValidationException("Storage:Inbox", typeof(StorageOptions), [$"Storage:Inbox is '{storage.Inbox}'; it must be '{Sqlite}' or '{Postgres}'."]),
            };
        });
        services.AddSingleton<IQuarantineStore>(sp => sp.GetRequiredService<IInbox>() switch
        {
            PostgresInbox shared => new PostgresQuarantineStore(shared),
            SqliteInbox local => new SqliteQuarantineStore(local),
            var other => throw new InvalidOperationException($"No quarantine store for an inbox of type {other.GetType().Name}."),
        });
        return services;
    }
}
