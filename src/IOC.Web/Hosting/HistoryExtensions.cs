using IOC.Grains.Ports;
using IOC.History;
using IOC.History.Influx;
using IOC.History.Queries;
using IOC.History.Reading;
using IOC.History.Recovery;
using IOC.History.Sqlite;
using IOC.History.Store;
using IOC.History.Writing;
using Microsoft.Extensions.Options;

namespace IOC.Web.Hosting;

public static class HistoryExtensions
{
    /// <summary>The history store (History:Store = sqlite | influxdb), its on-disk buffer and writer, the restorer and the reader.</summary>
    public static IHostApplicationBuilder AddIocHistory(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<HistoryOptions>(builder.Configuration.GetSection("History"));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<HistoryOptions>>().Value.Validate());
        services.AddSingleton<IHistoryStore>(sp =>
        {
            var options = sp.GetRequiredService<HistoryOptions>();
            var retention = Retention.From(options);
            IHistoryStore store = options.Store == HistoryOptions.InfluxDb
                ? new InfluxHistoryStore(new InfluxClient(new Uri(options.InfluxUrl), TimeSpan.FromSeconds(options.TimeoutSeconds)), options.Database, retention)
                : new SqliteHistoryStore(Path.Combine(DataDir(sp), "history.db"), retention, sp.GetRequiredService<TimeProvider>());
            // Each call's duration in ioc.history.store.duration and a span when traced (docs/operations.md).
            return new InstrumentedHistoryStore(store, sp.GetRequiredService<IOC.Domain.Telemetry.IocMetrics>());
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<HistoryOptions>();
            var units = sp.GetRequiredService<IOC.Domain.Units.UnitCatalog>();
            return new HistoryBuffer(Path.Combine(DataDir(sp), "history-buffer.db"), Retention.From(options), options.MaxBufferedMinutePoints, units.RollsUpTo);
        });
        services.AddSingleton(sp =>
        {
            var logger = sp.GetRequiredService<ILogger<HistoryWriter>>();
            return new HistoryWriter(
                sp.GetRequiredService<HistoryBuffer>(),
                sp.GetRequiredService<IHistoryStore>(),
                sp.GetRequiredService<HistoryOptions>(),
                sp.GetRequiredService<TimeProvider>(),
                message => logger.LogWarning("{History:l}", message));
        });
        services.AddSingleton<IHistorySink>(sp => sp.GetRequiredService<HistoryWriter>());
        services.AddSingleton(sp => new UnitRestorer(
            sp.GetRequiredService<HistoryWriter>(), sp.GetRequiredService<HistoryOptions>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<HistoryReader>();
        services.AddSingleton<HistoryQueries>();
        services.AddSingleton<OpenDossierQuery>();
        return builder;
    }

    private static string DataDir(IServiceProvider services) =>
        services.GetRequiredService<IOptions<StorageOptions>>().Value.ResolveDataDir();
}
