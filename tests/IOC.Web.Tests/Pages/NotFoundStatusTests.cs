using System.Net;

namespace IOC.Web.Tests.Pages;

/// <summary>A wrong address is a 404 for machines too (bookmarks, link checkers), with the page people read.</summary>
public sealed class NotFoundStatusTests
{
    [Theory]
    [InlineData("/bao-cao-cu", "Không có trang nào ở địa chỉ /bao-cao-cu.")]
    [InlineData("/not-found", "Không có trang nào ở địa chỉ /not-found.")]
    public async Task AnUnknownAddressAnswers404WithThePageInVietnamese(string path, string sentence)
    {
        using var factory = new IocWebFactory();

        var response = await factory.CreateClient().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain(sentence);
    }

    [Fact]
    public async Task AKnownWardAnswers200()
    {
        using var factory = new IocWebFactory();

        var response = await factory.CreateClient().GetAsync("/wards/00082");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
