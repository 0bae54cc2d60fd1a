namespace IOC.Browser.Tests.Wallboard;

public class LoopbackSmokeTests
{
    [Fact]
    public async Task TheAppServesBlazorsScriptOnALoopbackPort()
    {
        using var factory = new IocWebFactory();
        var address = factory.StartOnLoopback();
        using var http = new HttpClient { BaseAddress = address };

        var script = await http.GetAsync("/_framework/blazor.web.js");

        address.Host.Should().Be("127.0.0.1");
        script.IsSuccessStatusCode.Should().BeTrue();
        (await script.Content.ReadAsStringAsync()).Should().Contain("Blazor");
    }
}
