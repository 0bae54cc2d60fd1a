using IOC.Domain.Seed;
using IOC.Domain.Targets;
using IOC.Domain.Units;
using IOC.Grains;
using IOC.Grains.Delivery;
using IOC.Grains.Grains;
using IOC.Grains.Ports;
using IOC.Grains.Reading;
using IOC.Ingestion;
using IOC.Ingestion.Inbox;
using IOC.Review.Psi;
using IOC.Web.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IOC.Web.Hosting;

public static class CoreExtensions
{
    /// <summary>Seed data, the durable inbox, the Orleans silo and its grains, and the ingestion pipeline.</summary>
    public static IHostApplicationBuilder AddIocCore(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<StorageOptions>(builder.Configuration.GetSection("Storage"));
        services.Configure<IngestionOptions>(builder.Configuration.GetSection("Ingestion"));
        services.Configure<GrainOptions>(builder.Configuration.GetSection(GrainOptions.Section));

        // With a shared inbox the units must read their own tail (docs/cluster.md, "Checkpoints"): every 2 s unless set.
        var sharedInbox = string.Equals(builder.Configuration["Storage:Inbox"], InboxStores.Postgres, StringComparison.OrdinalIgnoreCase);
        services.PostConfigure<GrainOptions>(o => o.TailReadMilliseconds = sharedInbox && o.TailReadMilliseconds <= 0 ? 2000 : o.TailReadMilliseconds);
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(sp =>
        {
            var dir = SeedData.Locate(builder.Configuration["SeedData:Directory"]);
            var units = SeedData.LoadUnits(dir, DeploymentScope.Parse(builder.Configuration[DeploymentScope.Setting]));
            return new SeedCatalogs(units, SeedData.LoadTargets(dir, units), SeedData.LoadCommitments(dir, units), PsiManualData.Load(dir, units));
        });
        services.AddSingleton(sp => sp.GetRequiredService<SeedCatalogs>().Units);
        services.AddSingleton(sp => sp.GetRequiredService<SeedCatalogs>().Targets);

        services.AddIocInbox(builder.Configuration);
        services.AddSingleton<InboxTail>();
        services.AddSingleton(sp => new IngestionService(
            sp.GetRequiredService<IInbox>(),
            sp.GetRequiredService<EventDelivery>(),
            sp.GetRequiredService<UnitCatalog>(),
            sp.GetRequiredService<IOptions<IngestionOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ApiKeyValidator>();
        services.AddSingleton<ApiKeyFilter>();

        builder.AddIocSilo();
        services.AddSingleton<Quarantine>();
        services.AddSingleton<QuarantineReplay>();
        services.AddSingleton<UnitGrainServices>();
        services.AddSingleton<RecoverySource>();
        services.AddSingleton<IUnitRecovery, GrainRecovery>();
        services.AddSingleton<EventDelivery>();
        services.AddSingleton<GrainReader>();
        services.AddHostedService<GrainWarmup>();
        return builder;
    }
}

/// <summary>Everything in seed-data/, read once at start: a bad row in any file stops the start, naming file, line and field.</summary>
internal sealed record SeedCatalogs(UnitCatalog Units, TargetCatalog Targets, IReadOnlyList<Commitment> Commitments, PsiManualData PsiManual);
