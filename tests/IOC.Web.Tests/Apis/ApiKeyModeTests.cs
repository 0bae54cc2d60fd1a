using System.Net;
using IOC.Web.Security;

namespace IOC.Web.Tests.Apis;

public class ApiKeyModeTests
{
    [Fact]
    public async Task DevelopmentWithNoKeysConfiguredAcceptsTheDocumentedDevelopmentKey()
    {
        using var factory = new NoKeysFactory("Development");
        var client = factory.CreateProducer(ApiKeyValidator.DevelopmentKey);

        var response = await client.PostAsync(WireEvents.Received($"dev-{Guid.NewGuid():N}", DateTimeOffset.UtcNow));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task ProductionWithNoKeysConfiguredRefusesEveryIngestion()
    {
        using var factory = new NoKeysFactory("Production");
        var client = factory.CreateProducer(ApiKeyValidator.DevelopmentKey);

        var response = await client.PostAsync(WireEvents.Received($"prod-{Guid.NewGuid():N}", DateTimeOffset.UtcNow));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private sealed class NoKeysFactory(string environment) : IocWebFactory
    {
        protected override string EnvironmentName => environment;

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>();
    }
}
