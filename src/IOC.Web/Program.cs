using IOC.Dashboards.Hosting;
using IOC.Live;
using IOC.Web.Apis;
using IOC.Web.Commands;
using IOC.Web.Health;
using IOC.Web.Hosting;
using IOC.Web.Logging;
using IOC.Web.Telemetry;

// `replay <file>` and other commands run on the same services as the server, then exit.
var command = CommandLine.Parse(args);

// Started from elsewhere (`dotnet /path/IOC.Web.dll`), settings are read beside the app, not from the shell's folder.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = command.HostArgs,
    ContentRootPath = File.Exists("appsettings.json") ? null : AppContext.BaseDirectory,
});
builder.AddIocLogging();
builder.AddIocTelemetry();
builder.AddIocCore();
builder.AddIocAlerts();
builder.AddIocProducers();
builder.AddIocHistory();
builder.AddIocReview();
builder.AddIocSimulator(enabled: command.Name is null);
builder.AddIocApi();
builder.AddIocHealthChecks();
builder.AddIocLive();
builder.AddIocDashboards();
if (command.Name is not null)
{
    builder.Services.AddSingleton<Microsoft.AspNetCore.Hosting.Server.IServer, NoServer>();
}

var app = builder.Build();
if (command.Name is not null)
{
    return await command.RunAsync(app);
}

app.UseRequestLogging();
app.MapIocTelemetry();
app.MapOpenApi();
app.MapIocHealth();
app.MapIocHealthProbes();
app.MapIocOperations();
app.MapEventsApi();
app.MapKpiApi();
app.MapUnitsApi();
app.MapQuarantineApi();
app.MapIocLive();
app.MapHistoryApi();
app.MapChartsApi();
app.MapBriefingsApi();
app.MapOpenDossiersApi();
app.MapReviewApi();
app.MapPsiApi();
app.MapAlertsApi();
app.MapIocDashboards();
await app.RunAsync();
return 0;

/// <summary>Entry point, public for WebApplicationFactory in the tests.</summary>
public partial class Program;
