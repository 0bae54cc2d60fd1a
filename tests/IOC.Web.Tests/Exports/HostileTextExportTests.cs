using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IOC.Tests.Shared;

namespace IOC.Web.Tests.Exports;

/// <summary>
/// Issue 15, reproduction 3: a producer's text that a spreadsheet would run as a formula (the OWASP "CSV injection")
/// is posted through the events API, then the dossier exports an analyst downloads are opened in a real spreadsheet
/// application (LibreOffice, evaluating formulas as Excel does). Nothing may evaluate; the text must read as sent.
/// </summary>
public sealed class HostileTextExportTests : IDisposable
{
    private const string Command = "=cmd|' /C calc'!A0";
    private const string Hyperlink = "=HYPERLINK(\"http://evil\",\"x\")";

    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));

    private readonly IocWebFactory _factory = new();
    private readonly HttpClient _client;

    public HostileTextExportTests()
    {
        _client = _factory.CreateProducer();
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task AFormulaSentAsADossierIdOrProcedureIsTextInTheCsvAndExcelExportsNeverAFormula()
    {
        var accepted = await PostHostileDossierAsync();
        // From the day the dossier was received (yesterday just after midnight) to the end of today.
        var from = Now.AddHours(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var to = Now.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var files = new (string Name, string Url)[]
        {
            ("dossiers by procedure", $"/api/v1/history/units/00082/dossiers?from={from}&to={to}"),
            ("open dossiers", "/api/v1/open-dossiers/units/00082"),
        };
        foreach (var (name, url) in files)
        {
            var csv = await _client.GetByteArrayAsync(WithFormat(url, "csv"));
            var fromCsv = await LibreOffice.OpenCsvAsync(csv, Separator(csv), LibreOffice.Vietnamese);
            var fromXlsx = await LibreOffice.OpenXlsxAsync(await _client.GetByteArrayAsync(WithFormat(url, "xlsx")));

            foreach (var (kind, sheets) in new[] { ("CSV", fromCsv), ("Excel", fromXlsx) })
            {
                sheets.AllCells.Where(c => c.Formula is not null).Should().BeEmpty($"no cell of the {name} {kind} export is a formula");
                sheets.AllCells.Where(c => c.Text == "x" || c.Type == "error").Should().BeEmpty($"nothing in the {name} {kind} export was evaluated");
                if (accepted)
                {
                    var texts = sheets.AllCells.Where(c => c.Type == "string").Select(c => Literal(c.Text)).ToList();
                    texts.Should().Contain(Hyperlink, $"the procedure reads as sent in the {name} {kind} export");
                }
            }

            if (accepted && name == "open dossiers")
            {
                var cells = fromCsv.AllCells.Concat(fromXlsx.AllCells).Where(c => c.Type == "string").Select(c => Literal(c.Text));
                cells.Should().Contain(Command, "the dossier id reads as sent");
            }
        }
    }

    /// <summary>
    /// Posts the dossier (received two hours ago, due an hour ago: overdue, so it is listed). It is accepted
    /// today; if validation later refuses such ids, the refusal must name the field and the export is still checked.
    /// </summary>
    private async Task<bool> PostHostileDossierAsync()
    {
        var dossier = WireEvents.Received("hostile", Now.AddHours(-2), "online");
        dossier["dossierId"] = Command;
        dossier["procedure"] = Hyperlink;
        dossier["dueAt"] = WireEvents.Stamp(Now.AddHours(-1));
        var plain = WireEvents.Received("plain", Now.AddHours(-2), "in_person");
        var answer = await (await _client.PostAsync(dossier, plain)).Content.ReadFromJsonAsync<JsonObject>();

        var rejected = answer!["rejected"]!.AsArray();
        rejected.Select(r => r!["field"]!.GetValue<string>()).Should().BeSubsetOf(["dossierId", "procedure"]);
        return rejected.Count == 0;
    }

    /// <summary>
    /// The text of a cell as the reader sees it: OWASP's neutralising apostrophe, which LibreOffice shows and Excel
    /// hides, is not part of what the producer sent.
    /// </summary>
    private static string Literal(string text) => text.StartsWith('\'') ? text[1..] : text;

    private static string WithFormat(string url, string format) => $"{url}{(url.Contains('?') ? '&' : '?')}format={format}";

    /// <summary>The separator the CSV's header line uses (the Vietnamese CSV's is a semicolon).</summary>
    private static char Separator(byte[] csv)
    {
        var header = Encoding.UTF8.GetString(csv).Split('\n')[0];
        return header.Count(c => c == ';') > header.Count(c => c == ',') ? ';' : ',';
    }
}
