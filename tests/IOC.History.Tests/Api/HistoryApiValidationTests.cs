using System.Net;
using System.Text.Json.Nodes;

namespace IOC.History.Tests.Api;

/// <summary>Bad history requests get a 400 naming the field and the reason; unknown units a 404.</summary>
public sealed class HistoryApiValidationTests : IClassFixture<IocWebFactory>
{
    private static readonly string Today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd");
    private static readonly string TenDaysAgo = DateTimeOffset.UtcNow.AddDays(-10).ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd");
    private static readonly string Tomorrow = DateTimeOffset.UtcNow.AddDays(1).ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd");

    private readonly HttpClient _client;

    public HistoryApiValidationTests(IocWebFactory factory) => _client = factory.CreateClient();

    public static TheoryData<string, string, string> BadRequests => new()
    {
        { $"/api/v1/history/units/00082?from={Today}&to={Tomorrow}&step=1h", "kpi", "kpi is required" },
        { $"/api/v1/history/units/00082?kpi=dossier.nope&from={Today}&to={Tomorrow}", "kpi", "kpi 'dossier.nope' is not a KPI id" },
        { $"/api/v1/history/units/00082?kpi=dossier.overduePending&from={Today}&to={Tomorrow}", "kpi", "has no history" },
        { $"/api/v1/history/units/00082?kpi=dossier.onlineRate&to={Tomorrow}", "from", "from is required" },
        { $"/api/v1/history/units/00082?kpi=dossier.onlineRate&from={Today}", "to", "to is required" },
        { $"/api/v1/history/units/00082?kpi=dossier.onlineRate&from=yesterday&to={Tomorrow}", "from", "from 'yesterday' is not an ISO 8601" },
        { $"/api/v1/history/units/00082?kpi=dossier.onlineRate&from=2025-07-01T08:00:00&to={Tomorrow}", "from", "is not an ISO 8601 date-time with offset" },
        { $"/api/v1/history/units/00082?kpi=dossier.onlineRate&from={Tomorrow}&to={Today}", "from", "from must be before to" },
        { $"/api/v1/history/units/00082?kpi=dossier.onlineRate&from={Today}&to={Today}", "from", "from must be before to" },
        { $"/api/v1/history/units/00082?kpi=dossier.onlineRate&from={Today}&to={Tomorrow}&step=10m", "step", "step '10m' is not one of 5m, 1h, 1d" },
        { $"/api/v1/history/units/00082?kpi=dossier.onlineRate&from={TenDaysAgo}&to={Tomorrow}&step=5m", "step", "points" },
        { $"/api/v1/history/units/00082?kpi=dossier.onlineRate&from=2020-01-01&to=2025-12-31&step=1d", "step", "step 1d gives 2,191 points" },
        { $"/api/v1/history/units/00082?kpi=dossier.onlineRate&from=2025-01-01&to=2025-01-02&step=5m", "step", "kept for the last 48 h; from (2025-01-01T00:00:00+07:00) is older: use step=1h" },
        { $"/api/v1/history/units/00082?kpi=dossier.onlineRate&from=2025-01-01&to=2025-01-02&step=1h", "step", "kept for 90 days" },
        { $"/api/v1/history/units/00082/summary?from={Today}&to={Tomorrow}&format=pdf", "format", "format 'pdf' is not one of json, csv, xlsx" },
        { $"/api/v1/history/city/dossiers?from=nope&to={Tomorrow}", "from", "is not an ISO 8601" },
        { "/api/v1/open-dossiers/units/00082?sort=colour", "sort", "sort 'colour' is not one of" },
        { "/api/v1/open-dossiers/units/00082?order=up", "order", "order 'up' is not asc or desc" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task ABadRequestIs400WithTheFieldAndTheReason(string url, string field, string reason)
    {
        var response = await _client.GetAsync(url);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        problem["field"]!.GetValue<string>().Should().Be(field);
        problem["detail"]!.GetValue<string>().Should().Contain(reason);
    }

    [Theory]
    [InlineData("/api/v1/history/units/99999?kpi=dossier.onlineRate&from=2025-07-01&to=2025-07-02", "No ward with code '99999'")]
    [InlineData("/api/v1/history/agencies/NOPE/summary?from=2025-07-01&to=2025-07-02", "No agency with code 'NOPE'")]
    [InlineData("/api/v1/history/units/VPTU/dossiers?from=2025-07-01&to=2025-07-02", "No ward with code 'VPTU'")]
    [InlineData("/api/v1/open-dossiers/units/00000", "No ward with code '00000'")]
    public async Task AnUnknownUnitIs404(string url, string detail)
    {
        var response = await _client.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain(detail);
    }

    [Fact]
    public async Task AnOffsetWhosePlusArrivedAsASpaceIsStillRead()
    {
        var from = DateTimeOffset.UtcNow.AddHours(-3).ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-ddTHH:00:00zzz");

        var response = await _client.GetAsync($"/api/v1/history/city?kpi=dossier.received&from={from}&to={Tomorrow}&step=1h");

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WithoutAStepTheFinestThatFitsIsChosen()
    {
        var week = await _client.GetStringAsync($"/api/v1/history/city?kpi=dossier.received&from={TenDaysAgo}&to={Tomorrow}");
        var day = await _client.GetStringAsync($"/api/v1/history/city?kpi=dossier.received&from={Today}&to={Tomorrow}");

        JsonNode.Parse(week)!["step"]!.GetValue<string>().Should().Be("1h");
        JsonNode.Parse(day)!["step"]!.GetValue<string>().Should().Be("5m");
        JsonNode.Parse(day)!["points"]!.AsArray().Should().HaveCount(288);
    }
}
