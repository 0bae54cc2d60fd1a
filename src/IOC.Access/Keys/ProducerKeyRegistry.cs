using System.Collections.Concurrent;
using System.Security.Claims;
using IOC.Access.Audit;
using IOC.Access.Authorization;
using IOC.Access.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IOC.Access.Keys;

public sealed record ProducerKeyMatch(int Id, string Name, ProducerScope Scope);

/// <summary>A producer key as an admin sees it (never the key itself).</summary>
public sealed record ProducerKeyView(int Id, string Name, string Prefix, IReadOnlyList<string> Units, IReadOnlyList<string> EventTypes, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt)
{
    public static ProducerKeyView From(ProducerKeyRecord r) =>
        new(r.Id, r.Name, r.Prefix, UnitCodes.Parse(r.Units), UnitCodes.Parse(r.EventTypes), r.CreatedAt, r.CreatedBy, r.ExpiresAt, r.RevokedAt, r.LastUsedAt);
}

/// <summary>
/// Producer keys created by an admin (configuration keys, Ingestion:ApiKeys, stay with ApiKeyValidator): held in
/// memory by digest, written to the store on changes and, at most once a minute per key, for "last used".
/// </summary>
public sealed partial class ProducerKeyRegistry
{
    public const string Prefix = "ioc_pk_";

    private readonly IDbContextFactory<AccessDbContext> _store;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _time;
    private readonly ILogger<ProducerKeyRegistry> _logger;
    private readonly ConcurrentDictionary<string, ProducerKeyRecord> _keys = new(StringComparer.Ordinal);
    private readonly LastUseRecorder _lastUse;
    private volatile bool _loaded;

    public ProducerKeyRegistry(IDbContextFactory<AccessDbContext> store, IAuditLog audit, TimeProvider time, ILogger<ProducerKeyRegistry> logger)
    {
        (_store, _audit, _time, _logger) = (store, audit, time, logger);
        _lastUse = new LastUseRecorder(
            store,
            (db, id, at) => db.ProducerKeys.Where(k => k.Id == id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, at)),
            (id, ex) => LogTouchFailed(_logger, id, ex));
    }

    /// <summary>
    /// Reads every key from the store (at start; in a cluster every few seconds, <see cref="AccessRegistrySync"/>):
    /// keys created on other nodes become known, revocations made there take effect. Revoked keys stay known, so that
    /// a producer still sending one is told it was revoked, not just refused; a revocation is never undone by a read
    /// that started before it.
    /// </summary>
    public async Task ReloadAsync(CancellationToken ct)
    {
        await using var db = await _store.CreateDbContextAsync(ct);
        Merge(await db.ProducerKeys.AsNoTracking().ToListAsync(ct));
    }

    private void Merge(IEnumerable<ProducerKeyRecord> records)
    {
        foreach (var record in records)
        {
            if (!_keys.TryGetValue(record.Digest, out var known) || known.RevokedAt is null)
            {
                _keys[record.Digest] = record;
            }
        }

        _loaded = true;
    }

    /// <summary>A registry used before the host started (a command) reads the store once, there and then.</summary>
    private void EnsureLoaded()
    {
        if (!_loaded)
        {
            lock (_keys)
            {
                if (!_loaded)
                {
                    using var db = _store.CreateDbContext();
                    Merge([.. db.ProducerKeys.AsNoTracking()]);
                }
            }
        }
    }

    /// <summary>The key's record, or null with the reason (unknown or revoked, expired) for the 401.</summary>
    public (ProducerKeyMatch? Match, string? Reason) Resolve(string key)
    {
        EnsureLoaded();
        var digest = Secrets.Digest(key);
        if (!_keys.TryGetValue(digest, out var record) || !Secrets.SameDigest(record.Digest, digest))
        {
            return (null, null);
        }

        if (record.RevokedAt is { } revoked)
        {
            return (null, $"The X-Api-Key '{record.Name}' was revoked at {revoked:O}.");
        }

        var now = _time.GetUtcNow();
        if (record.ExpiresAt is { } expires && expires <= now)
        {
            return (null, $"The X-Api-Key '{record.Name}' expired at {expires:O}.");
        }

        _lastUse.Record(record.Id, now);
        return (new ProducerKeyMatch(record.Id, record.Name, new ProducerScope(UnitCodes.Parse(record.Units).ToHashSet(StringComparer.Ordinal), UnitCodes.Parse(record.EventTypes).ToHashSet(StringComparer.Ordinal))), null);
    }

    public async Task<IReadOnlyList<ProducerKeyView>> ListAsync(CancellationToken ct)
    {
        await using var db = await _store.CreateDbContextAsync(ct);
        var records = await db.ProducerKeys.AsNoTracking().ToListAsync(ct);
        return [.. records.OrderByDescending(r => r.CreatedAt).Select(ProducerKeyView.From)];
    }

    /// <summary>Creates a key; the returned secret is shown once and never stored.</summary>
    public async Task<(ProducerKeyView Key, string Secret)> CreateAsync(string name, IReadOnlyList<string> units, IReadOnlyList<string> eventTypes, DateTimeOffset? expiresAt, ClaimsPrincipal actor, string? address, CancellationToken ct)
    {
        var secret = Secrets.New(Prefix);
        var record = new ProducerKeyRecord
        {
            Name = name.Trim(),
            Digest = Secrets.Digest(secret),
            Prefix = secret[..(Prefix.Length + 4)],
            Units = UnitCodes.Join(units),
            EventTypes = UnitCodes.Join(eventTypes),
            CreatedAt = _time.GetUtcNow(),
            CreatedBy = actor.Describe(),
            ExpiresAt = expiresAt,
        };
        await using (var db = await _store.CreateDbContextAsync(ct))
        {
            db.ProducerKeys.Add(record);
            await db.SaveChangesAsync(ct);
        }

        _keys[record.Digest] = record;
        await _audit.WriteAsync(AuditActions.ProducerKeyCreated, actor, address, $"producer key {record.Id} '{record.Name}'",
            $"units {(units.Count == 0 ? "all" : string.Join(",", units))}; event types {(eventTypes.Count == 0 ? "all" : string.Join(",", eventTypes))}; expires {expiresAt?.ToString("O") ?? "never"}", ct: ct);
        return (ProducerKeyView.From(record), secret);
    }

    /// <summary>Revokes at once: the next batch sent with it gets 401.</summary>
    public async Task<ProducerKeyView?> RevokeAsync(int id, ClaimsPrincipal actor, string? address, CancellationToken ct)
    {
        await using var db = await _store.CreateDbContextAsync(ct);
        var record = await db.ProducerKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (record is null)
        {
            return null;
        }

        if (record.RevokedAt is null)
        {
            record.RevokedAt = _time.GetUtcNow();
            await db.SaveChangesAsync(ct);
            _keys[record.Digest] = record;
            await _audit.WriteAsync(AuditActions.ProducerKeyRevoked, actor, address, $"producer key {record.Id} '{record.Name}'", ct: ct);
        }

        return ProducerKeyView.From(record);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the last use of producer key {Id}")]
    private static partial void LogTouchFailed(ILogger logger, int id, Exception ex);
}
