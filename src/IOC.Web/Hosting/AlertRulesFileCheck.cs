using IOC.Alerts.Rules;
using IOC.Grains.Alerts.Rules;
using Microsoft.Extensions.Hosting;

namespace IOC.Web.Hosting;

/// <summary>
/// Reads seed-data/alert-rules.csv at start, before the server listens, so that a bad row stops the start naming the
/// file, line and field, as every other seed file does. The rules are taken from the file only on a first start, inside
/// the alert configuration grain; without this check a bad row failed that grain and the node ran without alerts.
/// </summary>
internal sealed class AlertRulesFileCheck(string seedDirectory, AlertRuleChecker checker) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        AlertRulesFile.Load(seedDirectory, checker);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
