using IOC.Domain.Calendar;
using IOC.Domain.Targets;
using IOC.Domain.Units;
using IOC.Grains.Alerts.Evaluation;
using IOC.Grains.Alerts.Grains;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IOC.Grains.Alerts;

public static class AlertGrainExtensions
{
    /// <summary>
    /// What a silo needs for its unit grains to evaluate alert rules: the context (names, targets, office hours), the
    /// copy of the rules and its refresher. The host adds the ports (IAlertSink, IAlertRecovery, IAlertConfigStore)
    /// and a <see cref="WorkingCalendar"/>; without this, grains evaluate nothing.
    /// </summary>
    public static IServiceCollection AddIocAlertEvaluation(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var options = services.AddOptions<AlertEvaluationOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(AlertEvaluationOptions.Section));
        }

        options.Validate(o => OfficeHours.TryParseSpans(o.OfficeHours, out _, out _), "Alerts:OfficeHours is not a list of spans such as 08:00-12:00,13:00-17:00.")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            OfficeHours.TryParseSpans(sp.GetRequiredService<IOptions<AlertEvaluationOptions>>().Value.OfficeHours, out var spans, out _);
            return new AlertContext(
                sp.GetRequiredService<UnitCatalog>(),
                sp.GetRequiredService<TargetCatalog>(),
                new OfficeHours(sp.GetRequiredService<WorkingCalendar>(), spans));
        });
        services.AddSingleton<AlertConfigCache>();
        services.AddSingleton<AlertServices>();
        services.AddSingleton<AlertConfigRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertConfigRefresher>());
        return services;
    }
}
