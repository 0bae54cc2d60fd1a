using IOC.Alerts.Storage;
using IOC.Browser.Tests.Infrastructure;
using IOC.Domain.Units;
using IOC.Grains.Alerts.Evaluation;
using IOC.Grains.Alerts.Rules;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace IOC.Browser.Tests.Alerts;

/// <summary>The app's real alert store, passed through a test's <see cref="AlertStoreDecorator"/> (a slow disk, a store reconnecting).</summary>
internal sealed class DecoratedStoreFactory(Func<IAlertStore, AlertStoreDecorator> decorate) : IocWebFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            var real = services.Last(d => d.ServiceType == typeof(IAlertStore));
            services.Remove(real);
            services.AddSingleton<IAlertStore>(sp => decorate((IAlertStore)real.ImplementationFactory!(sp)));
        });
    }
}

/// <summary>Every call goes to the real store; a test overrides the one it makes misbehave.</summary>
internal abstract class AlertStoreDecorator(IAlertStore inner) : IAlertStore, IDisposable
{
    public void Dispose() => (inner as IDisposable)?.Dispose();

    public string Describe => inner.Describe;

    public virtual Task PingAsync(CancellationToken cancellationToken) => inner.PingAsync(cancellationToken);

    public virtual void Write(IReadOnlyList<AlertChange> changes) => inner.Write(changes);

    public IReadOnlyList<AlertHistoryEntry> History(AlertHistoryFilter filter) => inner.History(filter);

    public void Audit(AlertAuditEntry entry) => inner.Audit(entry);

    public IReadOnlyList<AlertAuditEntry> AuditTrail(int limit = 500) => inner.AuditTrail(limit);

    public void AddDeadLetter(WebhookDeadLetter letter) => inner.AddDeadLetter(letter);

    public IReadOnlyList<WebhookDeadLetter> DeadLetters(int limit = 100) => inner.DeadLetters(limit);

    public Task<AlertConfig> LoadAsync(CancellationToken cancellationToken) => inner.LoadAsync(cancellationToken);

    public Task SaveRuleAsync(AlertRule rule, long version, CancellationToken cancellationToken) => inner.SaveRuleAsync(rule, version, cancellationToken);

    public Task SaveSilenceAsync(AlertSilence silence, long version, CancellationToken cancellationToken) => inner.SaveSilenceAsync(silence, version, cancellationToken);

    public Task<IReadOnlyList<AlertView>> LoadAsync(UnitKey unit, CancellationToken cancellationToken) => inner.LoadAsync(unit, cancellationToken);
}
