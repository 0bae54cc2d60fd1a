using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace IOC.Web.Tests.Access;

/// <summary>
/// A cluster's front on another machine (Access:KnownProxies): its X-Forwarded-Proto is believed (the answer gets HSTS,
/// as over HTTPS), another machine's is not.
/// </summary>
public class KnownProxyTests
{
    private const string Front = "10.0.0.10";

    [Theory]
    [InlineData(Front, true)]
    [InlineData("10.0.0.99", false)]
    public async Task OnlyTheNamedFrontIsBelievedWhenItSaysTheRequestCameOverHttps(string from, bool believed)
    {
        using var factory = new FrontFactory(from);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://ioc.hanoi.gov.vn/"), AllowAutoRedirect = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        var response = await client.SendAsync(request);

        response.Headers.Contains("Strict-Transport-Security").Should().Be(believed);
    }

    private sealed class FrontFactory(string from) : AccessFactory
    {
        protected override IDictionary<string, string?> Extra => new Dictionary<string, string?> { ["Access:KnownProxies:0"] = Front };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // The in-memory server has no remote address: the request comes "from" the given machine.
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(new From(IPAddress.Parse(from))));
        }
    }

    private sealed class From(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate call) =>
            {
                context.Connection.RemoteIpAddress = address;
                return call(context);
            });
            next(app);
        };
    }
}
