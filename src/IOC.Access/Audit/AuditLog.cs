using System.Security.Claims;
using IOC.Access.Authorization;
using IOC.Access.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IOC.Access.Audit;

/// <summary>What the audit log records (issue 16): sign-ins, changes to who may do what, pairing, downloads, acknowledgements.</summary>
public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string LockedOut = "locked-out";
    public const string SignOut = "sign-out";
    public const string PasswordChanged = "password-changed";
    public const string AccountCreated = "account-created";
    public const string AccountChanged = "account-changed";
    public const string PasswordReset = "password-reset";
    public const string DeviceRegistered = "device-registered";
    public const string DevicePaired = "device-paired";
    public const string DevicePairingFailed = "device-pairing-failed";
    public const string DeviceRevoked = "device-revoked";
    public const string ProducerKeyCreated = "producer-key-created";
    public const string ProducerKeyRevoked = "producer-key-revoked";
    public const string ServiceTokenCreated = "service-token-created";
    public const string ServiceTokenRevoked = "service-token-revoked";
    public const string Download = "download";
    public const string AlertAcknowledged = "alert-acknowledged";
    public const string AlertSilenced = "alert-silenced";
    public const string AlertSilenceEnded = "alert-silence-ended";
    public const string AuditExported = "audit-exported";

    public static IReadOnlyList<string> All { get; } =
    [
        SignIn, SignInFailed, LockedOut, SignOut, PasswordChanged, AccountCreated, AccountChanged, PasswordReset,
        DeviceRegistered, DevicePaired, DevicePairingFailed, DeviceRevoked, ProducerKeyCreated, ProducerKeyRevoked,
        ServiceTokenCreated, ServiceTokenRevoked, Download, AlertAcknowledged, AlertSilenced, AlertSilenceEnded, AuditExported,
    ];
}

/// <summary>
/// Writes audit lines. Any part of IOC that does something worth recording (an alert acknowledged, a report
/// downloaded) takes this and calls <see cref="WriteAsync"/>; nothing can change or remove a line once written.
/// </summary>
public interface IAuditLog
{
    Task WriteAsync(string action, ClaimsPrincipal? actor, string? address, string target, string detail = "", bool succeeded = true, CancellationToken ct = default);
}

public static class AuditLogExtensions
{
    /// <summary>Who and from where, taken from the request.</summary>
    public static Task WriteAsync(this IAuditLog log, HttpContext http, string action, string target, string detail = "", bool succeeded = true) =>
        log.WriteAsync(action, http.User, http.Connection.RemoteIpAddress?.ToString(), target, detail, succeeded, CancellationToken.None);
}

public sealed partial class AuditLog(IDbContextFactory<AccessDbContext> store, TimeProvider time, ILogger<AuditLog> logger) : IAuditLog
{
    public async Task WriteAsync(string action, ClaimsPrincipal? actor, string? address, string target, string detail = "", bool succeeded = true, CancellationToken ct = default)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        db.Audit.Add(new AuditRecord
        {
            At = time.GetUtcNow(),
            Actor = actor.Describe(),
            Address = address,
            Action = action,
            Target = target,
            Detail = detail,
            Succeeded = succeeded,
        });
        await db.SaveChangesAsync(ct);
        LogWritten(logger, action, actor.Describe(), target, succeeded);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit: {Action} by {Actor} on {Target} (succeeded: {Succeeded})")]
    private static partial void LogWritten(ILogger logger, string action, string actor, string target, bool succeeded);
}
