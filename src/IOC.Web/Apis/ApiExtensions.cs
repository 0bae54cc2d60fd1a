using System.Text.Encodings.Web;

namespace IOC.Web.Apis;

public static class ApiExtensions
{
    public static IHostApplicationBuilder AddIocApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi();
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<KpiReader>();
        builder.Services.AddSingleton<HistoryEndpoints>();
        builder.Services.AddSingleton<ChartEndpoints>();
        builder.Services.AddSingleton<BriefingService>();

        // Vietnamese names and ">=" readable in the JSON ("Phường Cửa Nam", not "Ph\u01B0\u1EDDng").
        // Relaxed escaping is safe here: responses are application/json, never inlined into HTML.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        return builder;
    }
}
