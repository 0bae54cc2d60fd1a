using IOC.Domain.Events;
using IOC.Ingestion;
using IOC.Ingestion.Parsing;
using IOC.Ingestion.Procedures;
using Microsoft.Extensions.Options;

namespace IOC.Web.Hosting;

public static class ProducerExtensions
{
    /// <summary>The producer contract's settings (Ingestion:MaxEventAgeDays checked at start) and the procedure names fed by ingestion.</summary>
    public static IHostApplicationBuilder AddIocProducers(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<IngestionOptions>()
            .Validate(
                o => o.MaxEventAgeDays is >= 1 and <= EventRules.MaxEventAgeDaysLimit,
                $"Ingestion:MaxEventAgeDays must be from 1 to {EventRules.MaxEventAgeDaysLimit} (days).")
            .PostConfigure<ProcedureNameBook>((o, names) => o.OnStored = names.Learn)
            .ValidateOnStart();
        services.AddSingleton(sp => new ProcedureNameBook(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.ResolveDataDir(),
            sp.GetRequiredService<ILogger<ProcedureNameBook>>()));
        services.AddSingleton<IProcedureNames>(sp => sp.GetRequiredService<ProcedureNameBook>());
        return builder;
    }
}
