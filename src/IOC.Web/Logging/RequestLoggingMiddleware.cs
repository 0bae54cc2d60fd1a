using System.Diagnostics;

namespace IOC.Web.Logging;

/// <summary>
/// One line per request: method, path, status, elapsed. Never the query string's secrets, headers or bodies
/// (producers send API keys in a header and citizens' data in bodies).
/// </summary>
public sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var level = context.Request.Path.StartsWithSegments("/health") ? LogLevel.Debug
                : context.Response.StatusCode >= 500 ? LogLevel.Error
                : LogLevel.Information;
            logger.Log(level, "HTTP {Method:l} {Path:l} responded {StatusCode} in {Elapsed:0.0} ms",
                context.Request.Method, context.Request.Path.Value, context.Response.StatusCode, elapsed);
        }
    }
}
