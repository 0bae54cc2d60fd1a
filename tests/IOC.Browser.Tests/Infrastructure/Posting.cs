using System.Net;
using System.Text.Json.Nodes;

namespace IOC.Browser.Tests.Infrastructure;

/// <summary>Posts wire events as a producer would and insists on the 202.</summary>
public static class Posting
{
    /// <summary>The key a Development server with no configured keys accepts.</summary>
    public const string DevelopmentKey = "ioc-dev-key";

    public static async Task PostOrFailAsync(this HttpClient producer, params JsonObject[] events)
    {
        var response = await producer.PostAsync(events);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    public static HttpClient Producer(Uri address, string key = DevelopmentKey)
    {
        var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}
