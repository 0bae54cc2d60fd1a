using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace IOC.Web.Apis;

public static class ApiExtensions
{
    public static IHostApplicationBuilder AddIocApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi();
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<KpiReader>();

        // Vietnamese names readable in the JSON ("Phường Cửa Nam", not "Ph\u01B0\u1EDDng").
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));
        return builder;
    }
}
