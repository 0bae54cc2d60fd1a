using System.Security.Cryptography;
using System.Text;
using IOC.Ingestion;
using Microsoft.Extensions.Options;

namespace IOC.Web.Security;

/// <summary>
/// Producers send <c>X-Api-Key</c>; configuration holds only SHA-256 digests of the accepted keys.
/// With no keys configured, Development accepts the documented development key and every other
/// environment refuses all ingestion (fail closed).
/// </summary>
public sealed class ApiKeyValidator
{
    public const string HeaderName = "X-Api-Key";

    /// <summary>Documented in README; accepted only in Development when no keys are configured.</summary>
    public const string DevelopmentKey = "ioc-dev-key";

    private readonly byte[][] _digests;

    public ApiKeyValidator(IOptions<IngestionOptions> options, IHostEnvironment environment, ILogger<ApiKeyValidator> logger)
    {
        var configured = options.Value.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k)).ToArray();
        var digests = new List<byte[]>();
        foreach (var hex in configured)
        {
            var digest = TryFromHex(hex.Trim());
            if (digest is null)
            {
                logger.LogError("Ingestion:ApiKeys holds an entry that is not a SHA-256 hex digest (64 hex characters); it is ignored");
                continue;
            }

            digests.Add(digest);
        }

        if (digests.Count == 0 && environment.IsDevelopment())
        {
            digests.Add(Digest(DevelopmentKey));
            Mode = "development key";
            logger.LogWarning("No Ingestion:ApiKeys configured: accepting the development key '{DevelopmentKey}' (Development only)", DevelopmentKey);
        }
        else if (digests.Count == 0)
        {
            Mode = "closed";
            logger.LogWarning("No Ingestion:ApiKeys configured in {Environment}: every ingestion request will get 401. Add SHA-256 digests of producer keys to Ingestion:ApiKeys", environment.EnvironmentName);
        }
        else
        {
            Mode = $"{digests.Count} key(s)";
        }

        _digests = [.. digests];
    }

    public string Mode { get; }

    public bool IsValid(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return false;
        }

        var digest = Digest(key);
        var match = false;
        foreach (var accepted in _digests)
        {
            match |= CryptographicOperations.FixedTimeEquals(digest, accepted);
        }

        return match;
    }

    public static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static string DigestHex(string key) => Convert.ToHexStringLower(Digest(key));

    private static byte[]? TryFromHex(string hex)
    {
        if (hex.Length != 64)
        {
            return null;
        }

        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
