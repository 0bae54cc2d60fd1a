using IOC.Access.Store;
using Microsoft.EntityFrameworkCore;

namespace IOC.Access.Audit;

/// <summary>What an admin asks of the audit log: a period, an action, words in the actor or target; newest first.</summary>
public sealed record AuditFilter(DateTimeOffset? From, DateTimeOffset? To, string? Action, string? Text, int Limit = 500);

public sealed record AuditLine(long Id, DateTimeOffset At, string Actor, string? Address, string Action, string Target, string Detail, bool Succeeded);

/// <summary>Reads the audit log (admins only); there is no way to change it.</summary>
public sealed class AuditQuery(IDbContextFactory<AccessDbContext> store)
{
    public const int MaxLimit = 100_000;

    public async Task<IReadOnlyList<AuditLine>> ReadAsync(AuditFilter filter, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        IQueryable<AuditRecord> query = db.Audit.AsNoTracking();
        if (filter.From is { } from)
        {
            query = query.Where(a => a.At >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(a => a.At < to);
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(a => a.Action == filter.Action);
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            query = query.Where(a => a.Actor.Contains(text) || a.Target.Contains(text) || a.Detail.Contains(text));
        }

        var rows = await query.OrderByDescending(a => a.Id).Take(Math.Clamp(filter.Limit, 1, MaxLimit)).ToListAsync(ct);
        return [.. rows.Select(a => new AuditLine(a.Id, a.At, a.Actor, a.Address, a.Action, a.Target, a.Detail, a.Succeeded))];
    }
}
