using IOC.Grains.Alerts.Interfaces;
using IOC.Grains.Alerts.Ports;
using IOC.Grains.Alerts.Rules;
using Orleans;

namespace IOC.Grains.Alerts.Grains;

/// <summary>
/// The single writer of the rules and silences: each change is saved with a new version before it is answered, and the
/// silos' copies follow the version. Silences that ended more than a day ago leave the working set (the store keeps them).
/// </summary>
public sealed class AlertConfigGrain(IAlertConfigStore store, TimeProvider time) : Grain, IAlertConfigGrain
{
    private static readonly TimeSpan KeepEnded = TimeSpan.FromDays(1);
    private AlertConfig _config = AlertConfig.Empty;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) => _config = await store.LoadAsync(cancellationToken);

    public Task<AlertConfig> Get() => Task.FromResult(_config);

    public Task<AlertConfig?> GetIfChanged(long version) => Task.FromResult(version == _config.Version ? null : _config);

    public async Task<AlertConfig> PutRule(AlertRule rule)
    {
        var rules = _config.Rules.Where(r => r.Id != rule.Id).ToList();
        var index = _config.Rules.ToList().FindIndex(r => r.Id == rule.Id);
        rules.Insert(index < 0 ? rules.Count : index, rule);
        var next = _config with { Version = _config.Version + 1, Rules = rules };
        await store.SaveRuleAsync(rule, next.Version, CancellationToken.None);
        return _config = next;
    }

    public async Task<AlertConfig> AddSilence(AlertSilence silence)
    {
        var next = _config with { Version = _config.Version + 1, Silences = [.. Current(), silence] };
        await store.SaveSilenceAsync(silence, next.Version, CancellationToken.None);
        return _config = next;
    }

    public async Task<AlertConfig> EndSilence(string id, string by, DateTimeOffset at)
    {
        if (_config.Silences.FirstOrDefault(s => s.Id == id && s.EndedAt is null && s.Until > at) is not { } running)
        {
            return _config;
        }

        var ended = running with { EndedAt = at, EndedBy = by };
        var next = _config with { Version = _config.Version + 1, Silences = [.. Current().Select(s => s.Id == id ? ended : s)] };
        await store.SaveSilenceAsync(ended, next.Version, CancellationToken.None);
        return _config = next;
    }

    private IEnumerable<AlertSilence> Current()
    {
        var cutoff = time.GetUtcNow() - KeepEnded;
        return _config.Silences.Where(s => (s.EndedAt ?? s.Until) > cutoff);
    }
}
