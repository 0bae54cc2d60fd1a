using IOC.Domain.Seed;
using IOC.Domain.Targets;
using IOC.Domain.Units;
using IOC.Grains.Publishing;
using IOC.Grains.Routing;
using IOC.Ingestion;
using IOC.Ingestion.Inbox;
using IOC.Review.Psi;
using IOC.Web.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IOC.Web.Hosting;

public static class CoreExtensions
{
    /// <summary>Seed data, the durable inbox, the grains and the ingestion pipeline.</summary>
    public static IHostApplicationBuilder AddIocCore(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<StorageOptions>(builder.Configuration.GetSection("Storage"));
        services.Configure<IngestionOptions>(builder.Configuration.GetSection("Ingestion"));
        services.Configure<GrainOptions>(builder.Configuration.GetSection("Grains"));
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(sp =>
        {
            var dir = SeedData.Locate(builder.Configuration["SeedData:Directory"]);
            var units = SeedData.LoadUnits(dir);
            return new SeedCatalogs(units, SeedData.LoadTargets(dir, units), SeedData.LoadCommitments(dir, units), PsiManualData.Load(dir, units));
        });
        services.AddSingleton(sp => sp.GetRequiredService<SeedCatalogs>().Units);
        services.AddSingleton(sp => sp.GetRequiredService<SeedCatalogs>().Targets);

        services.AddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new SqliteInbox(Path.Combine(storage.ResolveDataDir(), "inbox.db"), storage.FullSync);
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<GrainOptions>>().Value;
            if (options.Shards <= 0)
            {
                options.Shards = Math.Max(1, Environment.ProcessorCount);
            }

            return new GrainRouter(options);
        });
        services.AddSingleton(sp => new SnapshotPublisher(sp.GetRequiredService<GrainRouter>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new IngestionService(
            sp.GetRequiredService<SqliteInbox>(),
            sp.GetRequiredService<GrainRouter>(),
            sp.GetRequiredService<UnitCatalog>(),
            sp.GetRequiredService<IOptions<IngestionOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ApiKeyValidator>();
        services.AddSingleton<ApiKeyFilter>();
        services.AddHostedService<GrainHost>();
        return builder;
    }
}

/// <summary>Units and targets are loaded together: targets are checked against the units they name.</summary>
/// <summary>Everything in seed-data/, read once at start: a bad row in any file stops the start, naming file, line and field.</summary>
internal sealed record SeedCatalogs(UnitCatalog Units, TargetCatalog Targets, IReadOnlyList<Commitment> Commitments, PsiManualData PsiManual);
