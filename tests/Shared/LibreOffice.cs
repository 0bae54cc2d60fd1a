using System.Diagnostics;
using System.Globalization;
using System.Xml.Linq;

namespace IOC.Tests.Shared;

/// <summary>
/// Opens an export in a real spreadsheet application, Debian's LibreOffice Calc (headless), as an office would, and
/// reads back what it made of every cell: converted to a flat OpenDocument spreadsheet (.fods), whose XML says each
/// cell's type (float, percentage, date, string), value and formula. scripts/test.sh installs libreoffice-calc-nogui.
/// </summary>
public static class LibreOffice
{
    /// <summary>Windows language ids (LCID) of the CSV import: the locale numbers and dates are read in.</summary>
    public const int Vietnamese = 1066;

    public const int EnglishUs = 1033;

    // One soffice at a time per test process, on a profile of its own (two instances on one profile fail).
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);
    private static readonly Lazy<string> Profile = new(() =>
    {
        var path = Directory.CreateTempSubdirectory("ioc-libreoffice-profile-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(path, recursive: true);
        return path;
    });

    /// <summary>
    /// A CSV opened as Excel opens one: numbers, percentages and dates recognised in <paramref name="language"/>,
    /// and a cell starting with "=" evaluated as a formula (LibreOffice's "Evaluate formulas" import option, which
    /// Excel always does). With <paramref name="quotedAsText"/>, quoted fields stay text (LibreOffice's "Format quoted
    /// field as text").
    /// </summary>
    public static Task<Sheets> OpenCsvAsync(byte[] csv, char separator, int language, bool quotedAsText = false) =>
        ConvertAsync(csv, "csv", $"CSV:{(int)separator},34,76,1,,{language},{Flag(quotedAsText)},true,false,false,false,-1,true");

    /// <summary>An .xlsx workbook as LibreOffice reads it (formats, types and formulas come from the file).</summary>
    public static Task<Sheets> OpenXlsxAsync(byte[] xlsx) => ConvertAsync(xlsx, "xlsx", null);

    private static string Flag(bool value) => value ? "true" : "false";

    private static async Task<Sheets> ConvertAsync(byte[] file, string extension, string? filter)
    {
        using var folder = new TempFolder("ioc-libreoffice-");
        var input = folder.File("export." + extension);
        await File.WriteAllBytesAsync(input, file);
        var start = new ProcessStartInfo("soffice") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--headless");
        start.ArgumentList.Add("--norestore");
        start.ArgumentList.Add($"-env:UserInstallation=file://{Profile.Value}");
        if (filter is not null)
        {
            start.ArgumentList.Add($"--infilter={filter}");
        }

        foreach (var arg in new[] { "--convert-to", "fods", "--outdir", folder.Path, input })
        {
            start.ArgumentList.Add(arg);
        }

        await OneAtATime.WaitAsync();
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("soffice did not start (apt-get install libreoffice-calc-nogui).");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            var converted = folder.File("export.fods");
            File.Exists(converted).Should().BeTrue($"soffice converted the file (exit {process.ExitCode}): {await output} {await error}");
            return Sheets.Parse(XDocument.Load(converted));
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    /// <summary>The sheets of a converted file, by name, in order.</summary>
    public sealed class Sheets(IReadOnlyList<(string Name, IReadOnlyList<IReadOnlyList<SheetCell>> Rows)> sheets)
    {
        private static readonly XNamespace Table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
        private static readonly XNamespace Office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
        private static readonly XNamespace Text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";

        public IReadOnlyList<string> Names => sheets.Select(s => s.Name).ToList();

        /// <summary>The first sheet (a CSV has only one).</summary>
        public IReadOnlyList<IReadOnlyList<SheetCell>> First => sheets[0].Rows;

        public IReadOnlyList<IReadOnlyList<SheetCell>> this[string name] => sheets.Single(s => s.Name == name).Rows;

        /// <summary>Every cell of every sheet.</summary>
        public IEnumerable<SheetCell> AllCells => sheets.SelectMany(s => s.Rows).SelectMany(r => r);

        internal static Sheets Parse(XDocument document) => new(document.Descendants(Table + "table").Select(table =>
        {
            var rows = new List<IReadOnlyList<SheetCell>>();
            foreach (var row in table.Descendants(Table + "table-row"))
            {
                var cells = new List<SheetCell>();
                foreach (var cell in row.Elements().Where(e => e.Name == Table + "table-cell" || e.Name == Table + "covered-table-cell"))
                {
                    var repeat = Math.Min(int.Parse((string?)cell.Attribute(Table + "number-columns-repeated") ?? "1", CultureInfo.InvariantCulture), 64);
                    var parsed = Cell(cell);
                    cells.AddRange(Enumerable.Repeat(parsed, repeat));
                }

                // LibreOffice pads rows and sheets with repeated empty cells; keep what holds something.
                while (cells.Count > 0 && cells[^1].Type is null)
                {
                    cells.RemoveAt(cells.Count - 1);
                }

                if (cells.Count > 0)
                {
                    rows.Add(cells);
                }
            }

            return ((string)table.Attribute(Table + "name")!, (IReadOnlyList<IReadOnlyList<SheetCell>>)rows);
        }).ToList());

        private static SheetCell Cell(XElement cell)
        {
            var type = (string?)cell.Attribute(Office + "value-type");
            var value = (string?)cell.Attribute(Office + "value") ?? (string?)cell.Attribute(Office + "date-value");
            var text = string.Join('\n', cell.Elements(Text + "p").Select(Paragraph));
            return new SheetCell(type, value, text, (string?)cell.Attribute(Table + "formula"));
        }

        /// <summary>A paragraph's text, with the tabs, runs of spaces and line breaks OpenDocument writes as elements.</summary>
        private static string Paragraph(XElement paragraph) => string.Concat(paragraph.Nodes().Select(node => node switch
        {
            XText text => text.Value,
            XElement { Name.LocalName: "tab" } => "\t",
            XElement { Name.LocalName: "line-break" } => "\n",
            XElement { Name.LocalName: "s" } e => new string(' ', int.Parse((string?)e.Attribute(Text + "c") ?? "1", CultureInfo.InvariantCulture)),
            XElement e => Paragraph(e),
            _ => "",
        }));
    }
}

/// <param name="Type">LibreOffice's value type: float, percentage, date, string…; null for an empty cell.</param>
/// <param name="Value">The value of a number (invariant, a percentage as a fraction) or a date (ISO); null for text.</param>
/// <param name="Text">What the cell shows.</param>
/// <param name="Formula">The formula, when the cell holds one (it must never, for an export).</param>
public sealed record SheetCell(string? Type, string? Value, string Text, string? Formula)
{
    public double Number() => double.Parse(Value!, CultureInfo.InvariantCulture);
}
