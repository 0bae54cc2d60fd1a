using System.Text.Encodings.Web;
using System.Text.Json.Serialization;

namespace IOC.Web.Apis;

public static class ApiExtensions
{
    public static IHostApplicationBuilder AddIocApi(this IHostApplicationBuilder builder)
    {
        // The producer contract (event schemas, examples, the X-Api-Key scheme) is added to the generated document.
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer<EventsOpenApi>());
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<KpiReader>();
        builder.Services.AddSingleton<HistoryEndpoints>();
        builder.Services.AddSingleton<ChartEndpoints>();
        builder.Services.AddSingleton<BriefingService>();

        // Vietnamese names and ">=" readable in the JSON ("Phường Cửa Nam", not "Ph\u01B0\u1EDDng").
        // Relaxed escaping is safe here: responses are application/json, never inlined into HTML.
        // Numbers are numbers: the web default also reads them from strings, which OpenAPI then types as
        // ["integer","string"] with a pattern; no endpoint binds a JSON body that relies on it.
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        return builder;
    }
}
