using System.Globalization;
using IOC.Web.Hosting;
using Serilog;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Json;
using Microsoft.Extensions.Options;

namespace IOC.Web.Logging;

public static class LoggingExtensions
{
    /// <summary>
    /// Serilog to the console and to a rolling JSON file in the data directory. (Serilog.AspNetCore is not
    /// in our package source, so this is wired through Serilog.Extensions.Logging.)
    /// </summary>
    public static IHostApplicationBuilder AddIocLogging(this IHostApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();

        // Built from the final configuration (test hosts and command lines add settings after this call).
        builder.Services.AddSingleton<ILoggerProvider>(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var dataDir = sp.GetRequiredService<IOptions<StorageOptions>>().Value.ResolveDataDir();
            var logger = new LoggerConfiguration()
                .ReadFrom.Configuration(configuration)
                .Enrich.FromLogContext()
                .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture)
                .WriteTo.Async(sink => sink.File(
                    new JsonFormatter(renderMessage: true),
                    Path.Combine(dataDir, "logs", "ioc-.json"),
                    rollingInterval: RollingInterval.Day,
                    retainedFileCountLimit: 14))
                .CreateLogger();
            return new SerilogLoggerProvider(logger, dispose: true);
        });
        return builder;
    }

    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app) =>
        app.UseMiddleware<RequestLoggingMiddleware>();
}
