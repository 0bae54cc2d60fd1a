using IOC.Web.Security;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using IOC.Access.Roles;

namespace IOC.Testing.Hosting;

/// <summary>
/// The real app in memory, on its own temp data directory, simulator off, one producer key, and the test identity
/// (<see cref="TestIdentityHandler"/>: a request without credentials is signed in as <see cref="TestRole"/>, admin
/// unless a subclass says otherwise). Each test class gets its own instance (and so its own inbox).
/// </summary>
public class IocWebFactory : WebApplicationFactory<Program>
{
    public const string ProducerKey = "test-producer-key";

    public string DataDir { get; } = Directory.CreateTempSubdirectory("ioc-web-test-").FullName;

    /// <summary>Leave the data directory for the test to read after the host stopped (it deletes it).</summary>
    public bool KeepDataDir { get; init; }

    protected virtual string EnvironmentName => "Testing";

    /// <summary>The role of a request that carries no credentials; null: such a request is anonymous, as in production.</summary>
    protected virtual string? TestRole => AccessRoles.Admin;

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ingestion:ApiKeys:0"] = ApiKeyValidator.DigestHex(ProducerKey),
    };

    /// <summary>
    /// Serves on a real 127.0.0.1 port instead of the in-memory server (browsers and WebSocket clients need one)
    /// and returns its address. Call before any client is created.
    /// </summary>
    public Uri StartOnLoopback(int port = 0)
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        return new Uri(addresses.Addresses.First());
    }

    public HttpClient CreateProducer(string? key = ProducerKey)
    {
        var client = CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add(ApiKeyValidator.HeaderName, key);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Storage:DataDir", DataDir);
        builder.UseSetting("Simulator:Enabled", "false");
        // The test hosts serve plain HTTP: cookies (and the forms' anti-forgery cookie) are Secure only over HTTPS, as
        // in Development (docs/security.md, "Headers and cookies"). A factory's Settings may say otherwise.
        builder.UseSetting("Access:CookieSecurePolicy", "SameAsRequest");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => TestIdentityHandler.Register(services, TestRole));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && !KeepDataDir)
        {
            try
            {
                Directory.Delete(DataDir, recursive: true);
            }
            catch (IOException)
            {
                // A log file may still be flushing; the OS temp cleaner takes it later.
            }
        }
    }
}
