using System.Collections.Concurrent;
using System.Security.Claims;
using IOC.Access.Audit;
using IOC.Access.Authorization;
using IOC.Access.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IOC.Access.Devices;

public sealed record DeviceView(int Id, string Name, string Location, DateTimeOffset CreatedAt, string CreatedBy, bool PairingOpen, DateTimeOffset? PairingExpiresAt, DateTimeOffset? PairedAt, string? PairedFrom, DateTimeOffset? LastSeenAt, DateTimeOffset? RevokedAt)
{
    public static DeviceView From(KioskDevice d) =>
        new(d.Id, d.Name, d.Location, d.CreatedAt, d.CreatedBy, d.PairingDigest is not null && d.RevokedAt is null, d.PairingExpiresAt, d.PairedAt, d.PairedFrom, d.LastSeenAt, d.RevokedAt);
}

/// <summary>The device a paired screen's secret belongs to (null: unknown or revoked, with whether it was revoked).</summary>
public sealed record PairedDevice(int Id, string Name, string Location);

/// <summary>
/// Kiosk devices: an admin registers a screen and gets a one-time pairing code; the screen trades it once for a
/// long-lived secret in an HttpOnly cookie (view-only: role viewer); revoking the device refuses that secret at once
/// and tells its open pages (<see cref="AccessRevocations"/>) to show "paired device revoked".
/// </summary>
public sealed partial class DeviceRegistry
{
    public const string SecretPrefix = "ioc_dv_";

    private readonly IDbContextFactory<AccessDbContext> _store;
    private readonly IAuditLog _audit;
    private readonly AccessRevocations _revocations;
    private readonly TimeProvider _time;
    private readonly AccessOptions _options;
    private readonly ILogger<DeviceRegistry> _logger;
    private readonly ConcurrentDictionary<string, PairedDevice> _paired = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _revoked = new(StringComparer.Ordinal);
    private readonly LastUseRecorder _lastSeen;
    private volatile bool _loaded;

    public DeviceRegistry(IDbContextFactory<AccessDbContext> store, IAuditLog audit, AccessRevocations revocations, IOptions<AccessOptions> options, TimeProvider time, ILogger<DeviceRegistry> logger)
    {
        (_store, _audit, _revocations, _options, _time, _logger) = (store, audit, revocations, options.Value, time, logger);
        _lastSeen = new LastUseRecorder(
            store,
            (db, id, at) => db.Devices.Where(d => d.Id == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.LastSeenAt, at)),
            (id, ex) => LogSeenFailed(_logger, id, ex));
    }

    /// <summary>
    /// Reads every paired screen from the store (at start; in a cluster every few seconds, <see cref="AccessRegistrySync"/>):
    /// a screen paired through another node is known here; one revoked there is refused here too and its open pages on
    /// this node drop to "paired device revoked". A revocation is never undone by a read that started before it.
    /// </summary>
    public async Task ReloadAsync(CancellationToken ct)
    {
        await using var db = await _store.CreateDbContextAsync(ct);
        Merge(await db.Devices.AsNoTracking().Where(d => d.SecretDigest != null).ToListAsync(ct));
    }

    private void Merge(IEnumerable<KioskDevice> devices)
    {
        foreach (var device in devices)
        {
            var digest = device.SecretDigest!;
            if (device.RevokedAt is not null)
            {
                _revoked[digest] = device.Id;
                if (_paired.TryRemove(digest, out _))
                {
                    _revocations.DeviceRevoked(device.Id);
                }
            }
            else if (!_revoked.ContainsKey(digest))
            {
                _paired[digest] = new PairedDevice(device.Id, device.Name, device.Location);
            }
        }

        _loaded = true;
    }

    /// <summary>A registry used before the host started (a command) reads the store once, there and then.</summary>
    private void EnsureLoaded()
    {
        if (!_loaded)
        {
            lock (_paired)
            {
                if (!_loaded)
                {
                    using var db = _store.CreateDbContext();
                    Merge([.. db.Devices.AsNoTracking().Where(d => d.SecretDigest != null)]);
                }
            }
        }
    }

    /// <summary>The paired device of a screen's secret; <c>Revoked</c> when it was paired and has since been revoked.</summary>
    public (PairedDevice? Device, bool Revoked) Find(string secret)
    {
        EnsureLoaded();
        var digest = Secrets.Digest(secret);
        if (_paired.TryGetValue(digest, out var device))
        {
            _lastSeen.Record(device.Id, _time.GetUtcNow());
            return (device, false);
        }

        return (null, _revoked.ContainsKey(digest));
    }

    public async Task<IReadOnlyList<DeviceView>> ListAsync(CancellationToken ct)
    {
        await using var db = await _store.CreateDbContextAsync(ct);
        var devices = await db.Devices.AsNoTracking().ToListAsync(ct);
        return [.. devices.OrderByDescending(d => d.CreatedAt).Select(DeviceView.From)];
    }

    /// <summary>Registers a screen; the pairing code is shown once, works once, until it expires.</summary>
    public async Task<(DeviceView Device, string PairingCode)> RegisterAsync(string name, string location, ClaimsPrincipal actor, string? address, CancellationToken ct)
    {
        var code = Secrets.PairingCode();
        var now = _time.GetUtcNow();
        var device = new KioskDevice
        {
            Name = name.Trim(),
            Location = location.Trim(),
            CreatedAt = now,
            CreatedBy = actor.Describe(),
            PairingDigest = Secrets.Digest(Secrets.NormalizeCode(code)),
            PairingExpiresAt = now.AddHours(_options.PairingCodeHours),
        };
        await using (var db = await _store.CreateDbContextAsync(ct))
        {
            db.Devices.Add(device);
            await db.SaveChangesAsync(ct);
        }

        await _audit.WriteAsync(AuditActions.DeviceRegistered, actor, address, $"device {device.Id} '{device.Name}'", $"location '{device.Location}'; pairing code valid until {device.PairingExpiresAt:O}", ct: ct);
        return (DeviceView.From(device), code);
    }

    /// <summary>Trades a pairing code for the screen's secret (once); null with the reason when the code is wrong, used or expired.</summary>
    public async Task<(PairedDevice? Device, string? Secret, string? Reason)> PairAsync(string code, ClaimsPrincipal actor, string? address, CancellationToken ct)
    {
        var digest = Secrets.Digest(Secrets.NormalizeCode(code));
        var now = _time.GetUtcNow();
        await using var db = await _store.CreateDbContextAsync(ct);
        var device = await db.Devices.FirstOrDefaultAsync(d => d.PairingDigest == digest, ct);
        string? reason = device switch
        {
            null => "unknown or already used pairing code",
            { RevokedAt: not null } => "the device was revoked",
            { PairingExpiresAt: { } expires } when expires <= now => "the pairing code expired",
            _ => null,
        };
        if (reason is not null)
        {
            await _audit.WriteAsync(AuditActions.DevicePairingFailed, actor, address, device is null ? "pairing code" : $"device {device.Id} '{device.Name}'", reason, succeeded: false, ct: ct);
            return (null, null, reason);
        }

        var secret = Secrets.New(SecretPrefix);
        device!.PairingDigest = null;
        device.SecretDigest = Secrets.Digest(secret);
        device.PairedAt = now;
        device.PairedFrom = address;
        device.LastSeenAt = now;
        await db.SaveChangesAsync(ct);
        var paired = new PairedDevice(device.Id, device.Name, device.Location);
        _paired[device.SecretDigest] = paired;
        await _audit.WriteAsync(AuditActions.DevicePaired, actor, address, $"device {device.Id} '{device.Name}'", ct: ct);
        return (paired, secret, null);
    }

    /// <summary>Revokes at once: the screen's secret is refused from now on and its open pages drop to "paired device revoked".</summary>
    public async Task<DeviceView?> RevokeAsync(int id, ClaimsPrincipal actor, string? address, CancellationToken ct)
    {
        await using var db = await _store.CreateDbContextAsync(ct);
        var device = await db.Devices.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (device is null)
        {
            return null;
        }

        if (device.RevokedAt is null)
        {
            device.RevokedAt = _time.GetUtcNow();
            device.PairingDigest = null;
            await db.SaveChangesAsync(ct);
            if (device.SecretDigest is { } digest)
            {
                _paired.TryRemove(digest, out _);
                _revoked[digest] = device.Id;
            }

            _revocations.DeviceRevoked(device.Id);
            await _audit.WriteAsync(AuditActions.DeviceRevoked, actor, address, $"device {device.Id} '{device.Name}'", ct: ct);
        }

        return DeviceView.From(device);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record when device {Id} was last seen")]
    private static partial void LogSeenFailed(ILogger logger, int id, Exception ex);
}
