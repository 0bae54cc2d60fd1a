using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace IOC.Dashboards.Hosting;

/// <summary>
/// Serves the Blazor client script that the build extracted from the .NET 9 runtime pack and embedded here
/// (build/BlazorScript.targets): .NET 10's own copy lives in a package our sources do not have.
/// </summary>
internal static class BlazorScriptEndpoint
{
    private const string ResourceName = "IOC.Dashboards.blazor.web.js";

    private static readonly Lazy<(byte[] Body, string ETag)> Script = new(Load);

    public static IEndpointConventionBuilder MapBlazorScript(this IEndpointRouteBuilder app) =>
        app.MapGet("/_framework/blazor.web.js", (HttpContext context) =>
        {
            var (body, etag) = Script.Value;
            context.Response.Headers.ETag = etag;
            context.Response.Headers.CacheControl = "no-cache";
            if (context.Request.Headers.IfNoneMatch == etag)
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            return Results.Bytes(body, "text/javascript; charset=utf-8");
        }).ExcludeFromDescription();

    private static (byte[], string) Load()
    {
        using var stream = typeof(BlazorScriptEndpoint).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded: the build did not extract it (see build/BlazorScript.targets).");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var body = copy.ToArray();
        return (body, new EntityTagHeaderValue($"\"{Convert.ToHexString(SHA256.HashData(body))[..16]}\"").ToString());
    }
}
