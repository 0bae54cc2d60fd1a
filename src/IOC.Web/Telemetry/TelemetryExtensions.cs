using IOC.Domain.Telemetry;
using IOC.History.Writing;
using IOC.Ingestion;
using IOC.Live.Hub;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace IOC.Web.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>
    /// IOC's metrics (<see cref="IocMetrics"/>) always; the OpenTelemetry SDK only when Telemetry:Prometheus or
    /// Telemetry:OtlpEndpoint asks for it: IOC's meter, ASP.NET Core, HttpClient (the InfluxDB client) and the .NET
    /// runtime; traces (sampled) of requests, HttpClient calls and history store calls when OTLP is set.
    /// </summary>
    public static IHostApplicationBuilder AddIocTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IocMetrics>();
        var options = builder.Configuration.GetSection("Telemetry").Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.AddSingleton(options.Validate());
        if (!options.Enabled)
        {
            return builder;
        }

        var otlp = string.IsNullOrWhiteSpace(options.OtlpEndpoint) ? null : new Uri(options.OtlpEndpoint);
        var protocol = options.OtlpProtocol == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("ioc", serviceVersion: typeof(TelemetryExtensions).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(IocMetrics.MeterName).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation();
                if (options.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp is not null)
                {
                    metrics.AddOtlpExporter((exporter, reader) =>
                    {
                        exporter.Endpoint = Signal(otlp, protocol, "v1/metrics");
                        exporter.Protocol = protocol;
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = options.MetricExportIntervalMilliseconds;
                    });
                }
            });
        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.TraceSampleRatio)))
                .AddSource(IocMetrics.MeterName)
                // Probes and scrapes every few seconds would crowd out the requests worth reading.
                .AddAspNetCoreInstrumentation(o => o.Filter = context =>
                    !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/metrics"))
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(exporter =>
                {
                    exporter.Endpoint = Signal(otlp, protocol, "v1/traces");
                    exporter.Protocol = protocol;
                }));
        }

        return builder;
    }

    /// <summary>Registers the observed instruments (their values live in the services) and maps <c>/metrics</c> when asked.</summary>
    public static WebApplication MapIocTelemetry(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<IocMetrics>();
        var ingestion = app.Services.GetRequiredService<IngestionService>();
        metrics.ObserveIngestion(() =>
        {
            var stats = ingestion.Stats;
            return (stats.StoredEvents, stats.Duplicates, stats.Rejected);
        });
        var hub = app.Services.GetRequiredService<KpiBroadcaster>();
        metrics.ObserveHub(() => hub.ConnectionCount, () => hub.Dropped);
        var history = app.Services.GetRequiredService<HistoryWriter>();
        metrics.ObserveHistoryBuffer(() => history.Buffer?.Pending ?? history.UnsavedChanges);

        if (app.Services.GetRequiredService<TelemetryOptions>().Prometheus)
        {
            // Scrapers send a service token (Prometheus: authorization.credentials_file); docs/operations.md.
            app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(IOC.Access.Authorization.AccessPolicies.Viewer);
        }

        return app;
    }

    // The HTTP exporter posts to the URL as given: a collector's base address needs the signal's path.
    private static Uri Signal(Uri endpoint, OtlpExportProtocol protocol, string path) =>
        protocol == OtlpExportProtocol.HttpProtobuf && endpoint.AbsolutePath is "/" or "" ? new Uri(endpoint, path) : endpoint;
}
