using IOC.Alerts.Storage;
using Orleans;
using Orleans.Runtime;

namespace IOC.Web.Hosting;

/// <summary>
/// Makes the shared alert store's tables while the silo starts, before any grain activates: unit grains read their
/// instances when they activate (the warm-up activates them all) and the config grain reads the rules. A schema made
/// lazily inside a grain's activation once held the activation lock while Npgsql waited for a starved thread pool.
/// </summary>
internal sealed class AlertStoreSchema(IAlertStore store) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
    {
        if (store is PostgresAlertStore shared)
        {
            lifecycle.Subscribe(nameof(AlertStoreSchema), ServiceLifecycleStage.RuntimeInitialize, shared.PrepareAsync);
        }
    }
}
