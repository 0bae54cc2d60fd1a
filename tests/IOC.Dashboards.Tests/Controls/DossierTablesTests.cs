using Bunit;
using IOC.Dashboards.Controls;
using IOC.Dashboards.Localization;
using IOC.Dashboards.Tests.Rendering;
using IOC.History.Queries;

namespace IOC.Dashboards.Tests.Controls;

/// <summary>The procedure table of the ward and agency pages: codes with their names, and what "unknown" means.</summary>
public class DossierTablesTests : DashboardTest
{
    private static readonly DateTimeOffset From = new(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public void AProcedureShowsItsCodeAndNameAndSaysWhereTheNameComesFrom()
    {
        var breakdown = Breakdown(
            new ProcedureCount("1.001193", 3, 3, 0, 0, 1, 0, 100, "Đăng ký khai sinh", "producer"),
            new ProcedureCount("1.001612", 2, 1, 1, 0, 0, 0, null, "Đăng ký hộ kinh doanh", "catalogue", "Quyết định 1234/QĐ-UBND"));

        var html = Render<DossierTables>(Ui.Vietnamese, new Dictionary<string, object?> { ["Breakdown"] = breakdown });

        var producer = html.Find("tr[data-procedure='1.001193'] th");
        producer.QuerySelector(".procedure-code")!.TextContent.Should().Be("1.001193");
        producer.QuerySelector(".procedure-name")!.TextContent.Should().Be("Đăng ký khai sinh");
        producer.QuerySelector(".procedure-name")!.GetAttribute("title").Should().Be("Tên theo hệ thống một cửa gửi đến, không phải danh mục chính thức");
        html.Find("tr[data-procedure='1.001612'] .procedure-name").GetAttribute("title")
            .Should().Be("Tên chính thức theo danh mục của đơn vị vận hành: Quyết định 1234/QĐ-UBND");
    }

    [Theory]
    [InlineData("vi", "Chưa rõ tên thủ tục")]
    [InlineData("en", "Name not known")]
    public void ACodeWithoutANameSaysInThePagesLanguageThatItsNameIsNotKnown(string lang, string text)
    {
        var breakdown = Breakdown(new ProcedureCount("2.000815", 4, 4, 0, 0, 0, 0, null));

        var html = Render<DossierTables>(Ui.For(lang), new Dictionary<string, object?> { ["Breakdown"] = breakdown });

        var cell = html.Find("tr[data-procedure='2.000815'] th");
        cell.QuerySelector(".procedure-code")!.TextContent.Should().Be("2.000815");
        cell.QuerySelector(".procedure-name.unnamed")!.TextContent.Should().Be(text);
    }

    [Fact]
    public void TheUnknownRowIsNamedInVietnameseAndExplainedUnderTheTable()
    {
        var breakdown = Breakdown(
            new ProcedureCount("1.001193", 3, 3, 0, 0, 0, 0, null),
            new ProcedureCount("unknown", 0, 0, 0, 0, 5, 1, 80));

        var html = Render<DossierTables>(Ui.Vietnamese, new Dictionary<string, object?> { ["Breakdown"] = breakdown });

        html.Find("tr[data-procedure='unknown'] th").TextContent.Trim().Should().Be("Không rõ thủ tục*");
        html.Find(".unknown-note").TextContent.Should().Contain("không nhận được sự kiện tiếp nhận").And.Contain("trước khi IOC bắt đầu hoạt động");
        html.Find(".completed-note").TextContent.Should().Contain("kể cả hồ sơ tiếp nhận trước đó");
    }

    [Fact]
    public void WithoutAnUnknownRowThereIsNoUnknownNote()
    {
        var breakdown = Breakdown(new ProcedureCount("1.001193", 3, 3, 0, 0, 1, 0, 100));

        var html = Render<DossierTables>(Ui.English, new Dictionary<string, object?> { ["Breakdown"] = breakdown });

        html.FindAll(".unknown-note").Should().BeEmpty();
        html.Find(".completed-note").TextContent.Should().Contain("including those received before it");
    }

    private static DossierBreakdown Breakdown(params ProcedureCount[] procedures) => new(
        new UnitRef("00082", "Phường Cửa Nam", "Cua Nam Ward", "ward"), From, From.AddDays(7), procedures.Sum(p => p.Received),
        [new ChannelCount("online", "Trực tuyến", procedures.Sum(p => p.Online), 100)], procedures);
}
