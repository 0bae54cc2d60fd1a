using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace IOC.Access.Store;

/// <summary>
/// When a credential (producer key, service token, paired screen) was last used: written at most once a minute per
/// record, in the background, so that checking a credential on every request never waits for the database. A failed
/// write is only reported: the next use after a minute tries again.
/// </summary>
public sealed class LastUseRecorder(
    IDbContextFactory<AccessDbContext> store,
    Func<AccessDbContext, int, DateTimeOffset, Task> write,
    Action<int, Exception> failed)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<int, DateTimeOffset> _written = new();

    public void Record(int id, DateTimeOffset now)
    {
        if (_written.TryGetValue(id, out var last) && now - last < Interval)
        {
            return;
        }

        _written[id] = now;
        _ = Task.Run(async () =>
        {
            try
            {
                await using var db = await store.CreateDbContextAsync();
                await write(db, id, now);
            }
            catch (Exception ex)
            {
                failed(id, ex);
            }
        });
    }
}
