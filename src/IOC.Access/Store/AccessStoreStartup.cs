using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IOC.Access.Store;

/// <summary>
/// At start, before anything reads the access store: its tables (created when missing), and on a shared store the
/// first key of the cookies' key ring. Without that first key, nodes starting together would each make their own and
/// refuse each other's cookies until they next read the ring (up to a day later); later keys are made two days before
/// they are used, so every node has read them by then (the framework's rule for server farms).
/// </summary>
public sealed class AccessStoreStartup(AccessStore store, IServiceProvider services, TimeProvider time) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.PrepareAsync(cancellationToken);
        if (!store.Shared || services.GetService<IKeyManager>() is not { } keys)
        {
            return;
        }

        await using (await store.LockAsync(PostgresAccessStore.SchemaLock, cancellationToken))
        {
            var now = time.GetUtcNow();
            if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now.AddDays(2)))
            {
                keys.CreateNewKey(now, now.AddDays(90));
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
