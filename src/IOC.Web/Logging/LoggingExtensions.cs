using System.Globalization;
using IOC.Web.Hosting;
using Serilog;
using Serilog.Formatting.Json;

namespace IOC.Web.Logging;

public static class LoggingExtensions
{
    /// <summary>
    /// Serilog to the console and to a rolling JSON file in the data directory. (Serilog.AspNetCore is not
    /// in our package source, so this is wired through Serilog.Extensions.Logging.)
    /// </summary>
    public static IHostApplicationBuilder AddIocLogging(this IHostApplicationBuilder builder)
    {
        var dataDir = builder.Configuration.GetSection("Storage").Get<StorageOptions>()?.ResolveDataDir()
            ?? new StorageOptions().ResolveDataDir();
        var logger = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture)
            .WriteTo.Async(sink => sink.File(
                new JsonFormatter(renderMessage: true),
                Path.Combine(dataDir, "logs", "ioc-.json"),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 14))
            .CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger, dispose: true);
        return builder;
    }

    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app) =>
        app.UseMiddleware<RequestLoggingMiddleware>();
}
