using System.Globalization;
using System.Threading.RateLimiting;
using IOC.Access;
using IOC.Access.Store;
using Microsoft.AspNetCore.RateLimiting;

namespace IOC.Web.Security;

/// <summary>
/// The framework's rate limiter: sign-in attempts (form posts, pairing codes) per client address and ingestion
/// requests per producer key, a fixed window of a minute each. Over the limit: 429 with Retry-After (seconds).
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Ingestion = "ingestion";

    public static IServiceCollection AddIocRateLimits(this IServiceCollection services, RateLimitOptions limits)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
                context.HttpContext.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
                await Results.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests",
                    detail: $"Too many requests; try again in {retry} s.").ExecuteAsync(context.HttpContext);
            };
            o.AddPolicy(SignIn, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter("sign-in:" + Address(context), _ => Window(limits.SignInPerMinute))
                : RateLimitPartition.GetNoLimiter("sign-in:read"));
            o.AddPolicy(Ingestion, context =>
            {
                // The digest, never the key itself, names the partition (the limiter keeps its partitions in memory).
                var key = context.Request.Headers[ApiKeyValidator.HeaderName].ToString();
                var partition = string.IsNullOrEmpty(key) ? "address:" + Address(context) : "key:" + Secrets.Digest(key);
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => Window(limits.IngestionPerMinute));
            });
        });
        return services;
    }

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
