using IOC.Web.Hosting;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;

namespace IOC.Web.Logging;

public static class LoggingExtensions
{
    /// <summary>
    /// Serilog, with its sinks read from the "Serilog" configuration section (appsettings.json: the console and a
    /// rolling JSON file per day in the data directory). A sink path may say <c>{DataDir}</c>: it becomes
    /// <c>Storage:DataDir</c> as resolved at start.
    /// </summary>
    public static IHostApplicationBuilder AddIocLogging(this IHostApplicationBuilder builder)
    {
        // Built when the host resolves its logger factory, from the final configuration (test hosts and command
        // lines add settings after this call). The static Log.Logger is left alone: several hosts in one process
        // (tests) each keep their own logger and files.
        builder.Services.AddSerilog(
            (services, logger) =>
            {
                var dataDir = services.GetRequiredService<IOptions<StorageOptions>>().Value.ResolveDataDir();
                logger.ReadFrom.Configuration(LogSettings.WithDataDir(services.GetRequiredService<IConfiguration>(), dataDir))
                    .ReadFrom.Services(services)
                    .Enrich.FromLogContext()
                    .Filter.ByExcluding(WatchdogStartupRace.IsFalseAlarm);
            },
            preserveStaticLogger: true);
        return builder;
    }

    /// <summary>
    /// One line per request: method, path (never the query string), status, elapsed. Never headers or bodies:
    /// producers send API keys in a header and citizens' data in bodies. Health probes log at Debug, server errors
    /// at Error.
    /// </summary>
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            // This host's logger, not the static one (which another host in the same process may own).
            options.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            options.MessageTemplate = "HTTP {RequestMethod:l} {RequestPath:l} responded {StatusCode} in {Elapsed:0.0} ms";
            options.IncludeQueryInRequestPath = false;
            options.GetLevel = (context, _, error) =>
                error is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
                : context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/metrics") ? LogEventLevel.Debug
                : LogEventLevel.Information;
        });
}
