using System.Security.Cryptography;
using System.Text;
using IOC.Alerts.Live;

namespace IOC.Alerts.Webhooks;

/// <summary>
/// The JSON a receiver gets: what happened (<c>firing</c>, <c>resolved</c>, <c>acknowledged</c>), when, and the
/// instance (its sentence in both languages, figures, episode: a repeat of the same episode is the same alert).
/// </summary>
public sealed record WebhookPayload(string DeliveryId, string Event, DateTimeOffset At, AlertDto Alert);

/// <summary>The signature header: <c>X-IOC-Signature: sha256=&lt;hex HMAC-SHA256 of the body with the receiver's secret&gt;</c>.</summary>
public static class WebhookSignature
{
    public const string Header = "X-IOC-Signature";

    public static string Of(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
