using System.Collections.Concurrent;
using System.Security.Claims;
using IOC.Access.Audit;
using IOC.Access.Authorization;
using IOC.Access.Roles;
using IOC.Access.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IOC.Access.Tokens;

/// <summary>Who a bearer token is: a configured token (config:name) or one an admin created (db:id).</summary>
public sealed record ServiceTokenMatch(string Id, string Name, string Role, IReadOnlyList<string> Units);

/// <summary>A service token as an admin sees it (never the token itself).</summary>
public sealed record ServiceTokenView(int Id, string Name, string Prefix, string Role, IReadOnlyList<string> Units, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt)
{
    public static ServiceTokenView From(ServiceTokenRecord r) =>
        new(r.Id, r.Name, r.Prefix, r.Role, UnitCodes.Parse(r.Units), r.CreatedAt, r.CreatedBy, r.ExpiresAt, r.RevokedAt, r.LastUsedAt);
}

/// <summary>
/// Service tokens: those in configuration (Access:ServiceTokens, for automation) and those created by an admin,
/// held in memory by digest so a request costs one hash and one look-up; the store is written on changes and, at most
/// once a minute per token, for "last used".
/// </summary>
public sealed partial class ServiceTokenRegistry
{
    public const string Prefix = "ioc_st_";

    private readonly IDbContextFactory<AccessDbContext> _store;
    private readonly IAuditLog _audit;
    private readonly AccessRevocations _revocations;
    private readonly TimeProvider _time;
    private readonly ILogger<ServiceTokenRegistry> _logger;
    private readonly Dictionary<string, ServiceTokenMatch> _configured = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ServiceTokenRecord> _created = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _revoked = new(StringComparer.Ordinal);
    private readonly LastUseRecorder _lastUse;
    private volatile bool _loaded;

    public ServiceTokenRegistry(IDbContextFactory<AccessDbContext> store, IOptions<AccessOptions> options, IAuditLog audit, AccessRevocations revocations, TimeProvider time, ILogger<ServiceTokenRegistry> logger)
    {
        (_store, _audit, _revocations, _time, _logger) = (store, audit, revocations, time, logger);
        _lastUse = new LastUseRecorder(
            store,
            (db, id, at) => db.ServiceTokens.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, at)),
            (id, ex) => LogTouchFailed(_logger, id, ex));
        foreach (var (name, token) in options.Value.ServiceTokens)
        {
            if (token.Sha256.Trim().Length != 64 || !token.Sha256.Trim().All(Uri.IsHexDigit))
            {
                throw new OptionsValidationException(AccessOptions.Section, typeof(AccessOptions), [$"Access:ServiceTokens:{name}:Sha256 must be the SHA-256 hex digest (64 hex characters) of the token."]);
            }

            if (!AccessRoles.IsKnown(token.Role))
            {
                throw new OptionsValidationException(AccessOptions.Section, typeof(AccessOptions), [$"Access:ServiceTokens:{name}:Role '{token.Role}' is not one of {string.Join(", ", AccessRoles.All)}."]);
            }

            _configured[token.Sha256.Trim().ToLowerInvariant()] = new ServiceTokenMatch($"config:{name}", name, token.Role, [.. token.Units.Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => u.Trim())]);
        }
    }

    /// <summary>
    /// Reads every token from the store (at start; in a cluster every few seconds, <see cref="AccessRegistrySync"/>):
    /// tokens created on other nodes become known; one revoked there is refused here too and its hub connections on
    /// this node are closed. A revocation is never undone by a read that started before it.
    /// </summary>
    public async Task ReloadAsync(CancellationToken ct)
    {
        await using var db = await _store.CreateDbContextAsync(ct);
        Merge(await db.ServiceTokens.AsNoTracking().ToListAsync(ct));
    }

    private void Merge(IEnumerable<ServiceTokenRecord> records)
    {
        foreach (var record in records)
        {
            if (record.RevokedAt is not null)
            {
                Forget(record);
            }
            else if (!_revoked.ContainsKey(record.Digest))
            {
                _created[record.Digest] = record;
            }
        }

        _loaded = true;
    }

    private void Forget(ServiceTokenRecord record)
    {
        _revoked[record.Digest] = record.Id;
        if (_created.TryRemove(record.Digest, out _))
        {
            _revocations.TokenRevoked($"db:{record.Id}");
        }
    }

    /// <summary>A registry used before the host started (a command) reads the store once, there and then.</summary>
    private void EnsureLoaded()
    {
        if (!_loaded)
        {
            lock (_created)
            {
                if (!_loaded)
                {
                    using var db = _store.CreateDbContext();
                    Merge([.. db.ServiceTokens.AsNoTracking()]);
                }
            }
        }
    }

    /// <summary>The token's owner, or null with the reason (unknown, expired) for the 401.</summary>
    public (ServiceTokenMatch? Match, string? Reason) Resolve(string token)
    {
        var digest = Secrets.Digest(token);
        if (_configured.TryGetValue(digest, out var configured))
        {
            return (configured, null);
        }

        EnsureLoaded();
        if (!_created.TryGetValue(digest, out var record) || !Secrets.SameDigest(record.Digest, digest))
        {
            return (null, "The bearer token is not known (or was revoked).");
        }

        var now = _time.GetUtcNow();
        if (record.ExpiresAt is { } expires && expires <= now)
        {
            return (null, $"The bearer token expired at {expires:O}.");
        }

        _lastUse.Record(record.Id, now);
        return (new ServiceTokenMatch($"db:{record.Id}", record.Name, record.Role, record.Units is "" ? [] : UnitCodes.Parse(record.Units)), null);
    }

    public async Task<IReadOnlyList<ServiceTokenView>> ListAsync(CancellationToken ct)
    {
        await using var db = await _store.CreateDbContextAsync(ct);
        var records = await db.ServiceTokens.AsNoTracking().ToListAsync(ct);
        return [.. records.OrderByDescending(r => r.CreatedAt).Select(ServiceTokenView.From)];
    }

    public IReadOnlyList<ServiceTokenMatch> Configured => [.. _configured.Values.OrderBy(t => t.Name, StringComparer.Ordinal)];

    /// <summary>Creates a token; the returned secret is shown once and never stored.</summary>
    public async Task<(ServiceTokenView Token, string Secret)> CreateAsync(string name, string role, IReadOnlyList<string> units, DateTimeOffset? expiresAt, ClaimsPrincipal actor, string? address, CancellationToken ct)
    {
        var secret = Secrets.New(Prefix);
        var record = new ServiceTokenRecord
        {
            Name = name.Trim(),
            Digest = Secrets.Digest(secret),
            Prefix = secret[..(Prefix.Length + 4)],
            Role = role,
            Units = UnitCodes.Join(units),
            CreatedAt = _time.GetUtcNow(),
            CreatedBy = actor.Describe(),
            ExpiresAt = expiresAt,
        };
        await using (var db = await _store.CreateDbContextAsync(ct))
        {
            db.ServiceTokens.Add(record);
            await db.SaveChangesAsync(ct);
        }

        _created[record.Digest] = record;
        await _audit.WriteAsync(AuditActions.ServiceTokenCreated, actor, address, $"service token {record.Id} '{record.Name}'", $"role {role}; units {(units.Count == 0 ? "all" : string.Join(",", units))}; expires {expiresAt?.ToString("O") ?? "never"}", ct: ct);
        return (ServiceTokenView.From(record), secret);
    }

    /// <summary>Revokes at once: the next request with it gets 401, and open hub connections made with it are closed.</summary>
    public async Task<ServiceTokenView?> RevokeAsync(int id, ClaimsPrincipal actor, string? address, CancellationToken ct)
    {
        await using var db = await _store.CreateDbContextAsync(ct);
        var record = await db.ServiceTokens.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (record is null)
        {
            return null;
        }

        if (record.RevokedAt is null)
        {
            record.RevokedAt = _time.GetUtcNow();
            await db.SaveChangesAsync(ct);
            _revoked[record.Digest] = record.Id;
            _created.TryRemove(record.Digest, out _);
            _revocations.TokenRevoked($"db:{record.Id}");
            await _audit.WriteAsync(AuditActions.ServiceTokenRevoked, actor, address, $"service token {record.Id} '{record.Name}'", ct: ct);
        }

        return ServiceTokenView.From(record);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the last use of service token {Id}")]
    private static partial void LogTouchFailed(ILogger logger, int id, Exception ex);
}
