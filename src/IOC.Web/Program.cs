using IOC.Access.Authorization;
using IOC.Dashboards.Hosting;
using IOC.Live;
using IOC.Web.Apis;
using IOC.Web.Commands;
using IOC.Web.Health;
using IOC.Web.Hosting;
using IOC.Web.Logging;
using IOC.Web.Security;
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
builder.AddIocAccessControl();
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
app.UseIocAccess();
app.MapIocTelemetry();

// Who may reach what (docs/security.md): every endpoint is mapped under the policy of the least role that may use it.
// A new endpoint goes under one of these groups (or names its policy itself), else the route matrix test fails.
var open = app.MapGroup("").AllowAnonymous();
open.MapIocHealth();
open.MapIocHealthProbes();
open.MapAccountEndpoints();
app.MapGroup("").AllowAnonymous().RequireRateLimiting(RateLimits.Ingestion).MapEventsApi();   // X-Api-Key, not a sign-in
var viewer = app.MapGroup("").RequireAuthorization(AccessPolicies.Viewer);
viewer.MapOpenApi();
viewer.MapKpiApi();
viewer.MapUnitsApi();
viewer.MapIocLive();
viewer.MapAlertsApi();   // reading alerts; acting on them needs the duty officer, changing rules the admin (AlertsApi)
var analyst = app.MapGroup("").RequireAuthorization(AccessPolicies.Analyst);
analyst.MapHistoryApi();
analyst.MapChartsApi();
analyst.MapBriefingsApi();
analyst.MapOpenDossiersApi();
var reviewer = app.MapGroup("").RequireAuthorization(AccessPolicies.Reviewer);
reviewer.MapReviewApi();
reviewer.MapPsiApi();
var admin = app.MapGroup("").RequireAuthorization(AccessPolicies.Admin);
admin.MapIocOperations();
admin.MapAdminApi();
admin.MapQuarantineApi();   // the lead's quarantine list and replay: operators only
app.MapIocDashboards();   // pages name their policies with [Authorize]
await app.RunAsync();
return 0;

/// <summary>Entry point, public for WebApplicationFactory in the tests.</summary>
public partial class Program;
