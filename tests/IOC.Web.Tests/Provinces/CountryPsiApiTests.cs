using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using IOC.Domain.Events;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Tests.Shared;

namespace IOC.Web.Tests.Provinces;

/// <summary>
/// GET /api/v1/psi of a national deployment (Ioc:Province=country): events posted to communes of three provinces, the
/// provinces' estimates and ranks read back, computed by hand from the events.
/// </summary>
public sealed class CountryPsiApiTests : IDisposable
{
    private static readonly DateTimeOffset At = VietnamTime.ToLocal(TestClock.RecentToday(2));

    private static readonly string Day = At.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private readonly CountryFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    /// <summary>
    /// Hải Phòng (31): Phù Liễn 2 received online and full-process, 2 completed on time with digitized results; An Lão
    /// 2 completed, 1 late, 1 digitized. Its totals: progress 20 × 3/4 = 15, digitization 22 × 3/4 = 16.5, online 22:
    /// 53.5 of 64 = 83.59 (middle). Gia Lai (52): An Lão 2 completed on time, digitized: 42 of 42 = 100 (excellent).
    /// Hanoi (01): Cửa Nam 2 completed late: 0 of 42 (weak).
    /// </summary>
    public static IocEvent[] ThreeProvinces(DateTimeOffset at) =>
    [
        TestEvents.Received(at, "11446", channel: DossierChannel.Online, fullProcess: true, onPlatform: true),
        TestEvents.Received(at, "11446", channel: DossierChannel.Online, fullProcess: true, onPlatform: true),
        TestEvents.Completed(at, "11446", digitized: true),
        TestEvents.Completed(at, "11446", digitized: true),
        TestEvents.Completed(at, "11629", digitized: true),
        TestEvents.Completed(at, "11629", dueAt: at.AddHours(-1)),
        TestEvents.Completed(at, "21609", digitized: true),
        TestEvents.Completed(at, "21609", digitized: true),
        TestEvents.Completed(at, "00082", dueAt: at.AddHours(-1)),
        TestEvents.Completed(at, "00082", dueAt: at.AddHours(-1)),
    ];

    [Fact]
    public async Task TheProvincesAreRankedOnTheirOwnTotalsWithTheSameGroupsAsTheWards()
    {
        var client = _factory.CreateProducer();
        await client.PostEventsAsync(ThreeProvinces(At));

        var psi = await client.GetFromJsonAsync<JsonObject>($"/api/v1/psi?period=custom&from={Day}&to={Day}");

        var provinces = psi!["provinces"]!.AsArray();
        provinces.Should().HaveCount(34);
        Province(provinces, 0).Should().Be((1, "52", 42.0, 42, 100.0, "excellent"));
        Province(provinces, 1).Should().Be((2, "31", 53.5, 64, 83.59, "middle"));
        Province(provinces, 2).Should().Be((3, "01", 0.0, 42, 0.0, "weak"));
        provinces.Skip(3).Should().OnlyContain(p => p!["rank"] == null && p["band"] == null);
        provinces[1]!["name"]!.GetValue<string>().Should().Be("Thành phố Hải Phòng");
        provinces[1]!["groups"]!.AsArray().Select(g => g!["points"]?.GetValue<double>()).Should().Equal(null, 15, 16.5, 22, null);
        var wards = psi["wards"]!.AsArray();
        wards.Should().HaveCount(3321);
        wards.Take(4).Select(w => (w!["rank"]!.GetValue<int>(), w["code"]!.GetValue<string>())).Should().Equal(
            (1, "11446"), (1, "21609"), (3, "11629"), (4, "00082"));
    }

    [Fact]
    public async Task AProvinceDeploymentAnswersNoProvinces()
    {
        using var hanoi = new IocWebFactory();
        var client = hanoi.CreateProducer();

        var psi = await client.GetFromJsonAsync<JsonObject>($"/api/v1/psi?period=custom&from={Day}&to={Day}");

        psi!["provinces"]!.AsArray().Should().BeEmpty();
        psi["wards"]!.AsArray().Should().HaveCount(126);
    }

    [Fact]
    public async Task TheExportsOpenOnTheProvincesRanking()
    {
        var client = _factory.CreateProducer();
        await client.PostEventsAsync(ThreeProvinces(At));

        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync($"/api/v1/psi?period=custom&from={Day}&to={Day}&format=csv&lang=en"))
            .TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var xlsx = await client.GetByteArrayAsync($"/api/v1/psi?period=custom&from={Day}&to={Day}&format=xlsx");

        csv.Should().HaveCount(35);
        csv[0].Should().StartWith("\"Rank\",\"Code\",\"Province\",\"Transparency (18)\"");
        csv[1].Should().StartWith("1,\"52\",\"Gia Lai Province\",,20,22,,,42,42,100,\"Excellent\",");
        csv[2].Should().StartWith("2,\"31\",\"Hai Phong City\",,15,16.5,22,,53.5,64,83.59,\"Middle\",");
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), isEditable: false);
        document.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value)
            .Should().Equal("Tỉnh, thành phố", "Phường, xã", "Cơ quan");
    }

    private static (int? Rank, string Code, double Points, int MeasuredMax, double? Scaled, string? Band) Province(JsonArray provinces, int i)
    {
        var p = provinces[i]!;
        return (p["rank"]?.GetValue<int>(), p["code"]!.GetValue<string>(), p["points"]!.GetValue<double>(), p["measuredMax"]!.GetValue<int>(),
            p["scaled"]?.GetValue<double>(), p["band"]?.GetValue<string>());
    }

    private sealed class CountryFactory : IocWebFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            [DeploymentScope.Setting] = "country",
        };
    }
}
