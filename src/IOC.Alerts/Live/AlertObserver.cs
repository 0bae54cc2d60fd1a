using IOC.Grains.Alerts.Evaluation;
using IOC.Grains.Alerts.Interfaces;

namespace IOC.Alerts.Live;

/// <summary>This web host's receiver of the alert publishers' pushes: fills the <see cref="AlertBoard"/>.</summary>
public sealed class AlertObserver(AlertBoard board) : IAlertObserver
{
    public Task OnAlerts(IReadOnlyList<AlertChange> changes)
    {
        board.Apply(changes);
        return Task.CompletedTask;
    }
}
