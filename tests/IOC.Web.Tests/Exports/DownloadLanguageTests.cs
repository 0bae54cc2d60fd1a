using System.Net;

namespace IOC.Web.Tests.Exports;

/// <summary>
/// A download's <c>lang</c> names the language of the file only: the pages remember a language chosen on a page
/// (the ioc-lang cookie), never one a download or another API call asked for.
/// </summary>
public sealed class DownloadLanguageTests : IDisposable
{
    private readonly IocWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("/api/v1/review?format=pdf&lang=en")]
    [InlineData("/api/v1/review?format=xlsx&lang=en")]
    [InlineData("/api/v1/psi?format=csv&lang=en")]
    public async Task AnEnglishDownloadThroughTheApiLeavesThePagesLanguageAlone(string url)
    {
        using var client = _factory.CreateClient(new() { HandleCookies = false });

        var response = await client.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.TryGetValues("Set-Cookie", out var cookies).Should().BeFalse($"an API answer sets no cookie ({string.Join("; ", cookies ?? [])})");
    }

    [Fact]
    public async Task APageAskedForInEnglishStillRemembersIt()
    {
        using var client = _factory.CreateClient(new() { HandleCookies = false });

        var response = await client.GetAsync("/review?lang=en");

        response.Headers.GetValues("Set-Cookie").Should().ContainSingle(c => c.StartsWith("ioc-lang=en;"));
    }
}
