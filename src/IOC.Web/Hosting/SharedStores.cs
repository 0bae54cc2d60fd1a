using Microsoft.Extensions.Options;

namespace IOC.Web.Hosting;

/// <summary>
/// Which store keeps the access records (<c>Storage:Access</c>) and the alerts (<c>Storage:Alerts</c>): <c>sqlite</c>,
/// files in the data folder (the embedded default), or <c>postgres</c>, the PostgreSQL database every node of a
/// cluster shares, named by <c>ConnectionStrings:Access</c> and <c>ConnectionStrings:Alerts</c> (docs/cluster.md).
/// Two settings, like the inbox's, so that a deployment may keep them on different servers; scripts/cluster.sh points
/// all three at one database.
/// </summary>
public static class SharedStores
{
    /// <summary>The connection string of a store set to <c>postgres</c>; null for <c>sqlite</c> (or nothing set).</summary>
    /// <exception cref="OptionsValidationException">An unknown store name, or postgres without a connection string.</exception>
    public static string? ConnectionString(IConfiguration configuration, string store)
    {
        var kind = configuration[$"Storage:{store}"];
        if (string.IsNullOrWhiteSpace(kind) || string.Equals(kind, InboxStores.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!string.Equals(kind, InboxStores.Postgres, StringComparison.OrdinalIgnoreCase))
        {
            throw new OptionsValidationException($"Storage:{store}", typeof(StorageOptions), [$"Storage:{store} is '{kind}'; it must be '{InboxStores.Sqlite}' or '{InboxStores.Postgres}'."]);
        }

        return configuration.GetConnectionString(store) is { Length: > 0 } connection
            ? connection
            : throw new OptionsValidationException($"ConnectionStrings:{store}", typeof(StorageOptions), [$"Storage:{store} is postgres but ConnectionStrings:{store} (ConnectionStrings__{store}) is empty."]);
    }
}
