using IOC.Grains.Alerts.Evaluation;
using IOC.Grains.Alerts.Ports;
using Microsoft.Extensions.Options;

namespace IOC.Grains.Alerts.Grains;

/// <summary>What a unit grain takes from its silo to evaluate its alert rules, in one service.</summary>
public sealed class AlertServices(
    AlertContext context,
    AlertConfigCache config,
    IAlertSink sink,
    IAlertRecovery recovery,
    TimeProvider time,
    IOptions<AlertEvaluationOptions> options)
{
    public AlertContext Context => context;

    public AlertConfigCache Config => config;

    public IAlertSink Sink => sink;

    public IAlertRecovery Recovery => recovery;

    public TimeProvider Time => time;

    public AlertEvaluationOptions Options => options.Value;
}
