using IOC.Domain.Events;
using IOC.Ingestion.Procedures;
using IOC.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace IOC.Ingestion.Tests.Procedures;

public sealed class ProcedureNameBookTests : IDisposable
{
    private readonly TempFolder _folder = new("ioc-names-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void TheLatestNameByAtIsKeptAndSurvivesAReopen()
    {
        using (var book = Open())
        {
            book.Learn([Receipt("1.001193", "Đăng ký khai sinh (cũ)", 1), Receipt("1.001193", "Đăng ký khai sinh", 3)]);
            book.Learn([Receipt("1.001193", "Tên đến muộn nhưng cũ hơn", 2)]);
        }

        using var reopened = Open();

        reopened.Find("1.001193").Should().Be(new ProcedureName("1.001193", "Đăng ký khai sinh", ProcedureNameSource.Producer));
        reopened.Find("2.000815").Should().BeNull();
    }

    [Fact]
    public void EventsWithoutANameTeachNothing()
    {
        using var book = Open();

        book.Learn([Receipt("1.001193", null, 1), TestEvents.Completed()]);

        book.Find("1.001193").Should().BeNull();
    }

    [Fact]
    public void TheOperatorsCatalogueTakesPrecedenceAndCarriesItsSource()
    {
        File.WriteAllText(_folder.File(ProcedureCatalogue.FileName), "code,name,source\n1.001193,Đăng ký khai sinh,\"Quyết định 1234/QĐ-UBND, phụ lục I\"\n");
        using var book = Open();

        book.Learn([Receipt("1.001193", "Khai sinh", 1)]);

        book.Find("1.001193").Should().Be(new ProcedureName("1.001193", "Đăng ký khai sinh", ProcedureNameSource.Catalogue, "Quyết định 1234/QĐ-UBND, phụ lục I"));
    }

    [Theory]
    [InlineData("code,name\n1.001193,Đăng ký khai sinh\n=1+1,Xấu\n", "procedure-names.csv line 3, field code: '=1+1' is not a national procedure code*")]
    [InlineData("code,name\n1.001193,=HYPERLINK(\"x\")\n", "procedure-names.csv line 2, field name: must be 1–500 characters*")]
    [InlineData("code,name\n1.001193,A\n1.001193,B\n", "procedure-names.csv line 3, field code: '1.001193' appears twice.")]
    [InlineData("ma,ten\n1.001193,A\n", "procedure-names.csv: the first line must be the header code,name,source.")]
    public void ABadCatalogueRowStopsTheStartNamingLineAndField(string csv, string message)
    {
        File.WriteAllText(_folder.File(ProcedureCatalogue.FileName), csv);

        var act = Open;

        act.Should().Throw<InvalidDataException>().WithMessage(message);
    }

    private ProcedureNameBook Open() => new(_folder.Path, NullLogger<ProcedureNameBook>.Instance);

    private static DossierReceived Receipt(string code, string? name, int hour) =>
        TestEvents.Received(TestEvents.Local(2026, 11, 20, hour, 0)) with { Procedure = code, ProcedureName = name };
}
