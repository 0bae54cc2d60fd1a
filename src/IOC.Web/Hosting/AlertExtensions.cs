using IOC.Alerts.Actions;
using IOC.Alerts.Live;
using IOC.Alerts.Rules;
using IOC.Alerts.Storage;
using IOC.Alerts.Webhooks;
using IOC.Alerts.Writing;
using IOC.Domain.Calendar;
using IOC.Domain.Seed;
using IOC.Domain.Targets;
using IOC.Domain.Units;
using IOC.Grains.Alerts;
using IOC.Grains.Alerts.Ports;
using IOC.Grains.Alerts.Rules;
using IOC.Live.Hub;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace IOC.Web.Hosting;

public static class AlertExtensions
{
    /// <summary>
    /// Alerts (docs/alerts.md): the grains' evaluation with its ports (alerts.db in the data folder for rules, silences,
    /// instances and history, or the cluster's PostgreSQL with <c>Storage:Alerts=postgres</c>, docs/cluster.md; the writer that records changes), this host's board of alerts fed by the grains, the hub's
    /// <c>alerts</c> group, and the actions of the API and pages. Register after the core (the silo).
    /// </summary>
    public static IHostApplicationBuilder AddIocAlerts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(_ => HolidayFile.Load(SeedData.Locate(builder.Configuration["SeedData:Directory"])));
        services.AddSingleton(sp => new AlertRuleChecker(sp.GetRequiredService<UnitCatalog>(), sp.GetRequiredService<TargetCatalog>()));
        services.AddHostedService(sp => new AlertRulesFileCheck(SeedData.Locate(builder.Configuration["SeedData:Directory"]), sp.GetRequiredService<AlertRuleChecker>()));
        var shared = SharedStores.ConnectionString(builder.Configuration, "Alerts");
        services.AddSingleton<IAlertStore>(sp =>
        {
            var checker = sp.GetRequiredService<AlertRuleChecker>();
            var seedDir = SeedData.Locate(builder.Configuration["SeedData:Directory"]);
            Func<IReadOnlyList<AlertRule>> seed = () => AlertRulesFile.Load(seedDir, checker);
            if (shared is not null)
            {
                // No I/O here: the schema is made while the silo starts (AlertStoreSchema), before any grain reads it.
                return new PostgresAlertStore(shared, seed, checker, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PostgresAlertStore>>());
            }

            var dataDir = sp.GetRequiredService<IOptions<StorageOptions>>().Value.ResolveDataDir();
            return new SqliteAlertStore(
                Path.Combine(dataDir, "alerts.db"),
                seed,
                checker,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<SqliteAlertStore>>());
        });
        services.AddSingleton<IAlertConfigStore>(sp => sp.GetRequiredService<IAlertStore>());
        services.AddSingleton<IAlertRecovery>(sp => sp.GetRequiredService<IAlertStore>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, AlertStoreSchema>();
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section)
            .Validate(o => o.Targets.All(t => Uri.TryCreate(t.Url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"), "Alerts:Webhooks:Targets: every Url must be an absolute http(s) address.")
            .Validate(o => o.Targets.All(t => t.Secret.Length >= 16), "Alerts:Webhooks:Targets: every Secret must have at least 16 characters (it signs the body).")
            .Validate(o => o.MaxAttempts is >= 1 and <= 20, "Alerts:Webhooks:MaxAttempts must be 1 to 20.")
            .ValidateOnStart();
        services.AddHttpClient(WebhookNotifier.HttpClientName);
        services.AddSingleton<WebhookNotifier>();
        services.AddSingleton<IAlertNotifier>(sp => sp.GetRequiredService<WebhookNotifier>());
        services.AddHostedService(sp => sp.GetRequiredService<WebhookNotifier>());
        services.AddSingleton<AlertWriter>();
        services.AddSingleton<IAlertSink>(sp => sp.GetRequiredService<AlertWriter>());
        services.AddHostedService(sp => sp.GetRequiredService<AlertWriter>());
        services.AddIocAlertEvaluation(builder.Configuration);

        services.AddSingleton<AlertBoard>();
        // Where the month and year will end, on the ward and agency pages and the review (the rules' own nowcast is in the grains).
        services.AddSingleton<IOC.History.Queries.NowcastQuery>();
        services.AddHostedService<AlertFeedHost>();
        services.AddSingleton<IHubFeed, AlertsHubFeed>();
        services.AddSingleton<AlertActions>();
        return builder;
    }
}
