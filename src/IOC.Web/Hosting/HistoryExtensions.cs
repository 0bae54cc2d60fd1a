using IOC.Grains.Ports;
using IOC.History;
using IOC.History.Influx;
using IOC.History.Postgres;
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
    /// <summary>
    /// The history store (History:Store = sqlite | influxdb | postgres), the ledger the writer saves to (this node's
    /// buffer file, or with postgres the shared store itself), the writer, the restorer and the reader.
    /// </summary>
    public static IHostApplicationBuilder AddIocHistory(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.Configure<HistoryOptions>(configuration.GetSection("History"));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<HistoryOptions>>().Value.Validate());

        // With postgres the store is the ledger too: a save adds the deltas and moves the checkpoints in one transaction.
        services.AddSingleton(sp => new PostgresHistoryStore(
            configuration.GetConnectionString("History") is { Length: > 0 } connection
                ? connection
                : throw new OptionsValidationException("ConnectionStrings:History", typeof(HistoryOptions), ["History:Store is postgres but ConnectionStrings:History (ConnectionStrings__History) is empty."]),
            Retention.From(sp.GetRequiredService<HistoryOptions>()),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOC.Domain.Units.UnitCatalog>().RollsUpTo));
        services.AddSingleton<IHistoryStore>(sp =>
        {
            var options = sp.GetRequiredService<HistoryOptions>();
            var retention = Retention.From(options);
            IHistoryStore store = options.Store switch
            {
                HistoryOptions.InfluxDb => new InfluxHistoryStore(new InfluxClient(new Uri(options.InfluxUrl), TimeSpan.FromSeconds(options.TimeoutSeconds)), options.Database, retention),
                HistoryOptions.Postgres => sp.GetRequiredService<PostgresHistoryStore>(),
                _ => new SqliteHistoryStore(Path.Combine(DataDir(sp), "history.db"), retention, sp.GetRequiredService<TimeProvider>()),
            };
            // Each call's duration in ioc.history.store.duration and a span when traced (docs/operations.md).
            return new InstrumentedHistoryStore(store, sp.GetRequiredService<IOC.Domain.Telemetry.IocMetrics>());
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<HistoryOptions>();
            var units = sp.GetRequiredService<IOC.Domain.Units.UnitCatalog>();
            return new HistoryBuffer(Path.Combine(DataDir(sp), "history-buffer.db"), Retention.From(options), options.MaxBufferedMinutePoints, units.RollsUpTo);
        });
        services.AddSingleton<IHistoryLedger>(sp => sp.GetRequiredService<HistoryOptions>().Store == HistoryOptions.Postgres
            ? sp.GetRequiredService<PostgresHistoryStore>()
            : sp.GetRequiredService<HistoryBuffer>());
        services.AddSingleton(sp =>
        {
            var logger = sp.GetRequiredService<ILogger<HistoryWriter>>();
            return new HistoryWriter(
                sp.GetRequiredService<IHistoryLedger>(),
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
