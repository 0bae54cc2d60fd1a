using CsvHelper;

namespace IOC.Reports.Tables;

/// <summary>
/// CSV (RFC 4180, UTF-8 with a byte order mark so Excel reads the Vietnamese letters) in the conventions of the
/// book's language (<see cref="ExportLanguage"/>, docs/exports.md). Text is always quoted, so a reader that keeps
/// quoted fields as text (LibreOffice's option) keeps codes such as 00082 whole; text that a spreadsheet would run as
/// a formula (it starts with =, +, -, @, tab or CR) gets OWASP's apostrophe in front. Numbers, percentages and dates
/// are written as values, never escaped, so -3,5 still reads as a number.
/// </summary>
public static class CsvExport
{
    public static byte[] Write(ExportTable table, ExportLanguage language)
    {
        var options = new CsvWriterOptions
        {
            WriteByteOrderMark = true,
            Separator = language.Separator,
            FormatProvider = language.Culture,
            Injection = CsvInjection.Escape,
            InjectionCharacters = new string(ExportCells.FormulaStarts),
        };
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, options, leaveOpen: true))
        {
            foreach (var header in table.Headers)
            {
                csv.WriteField(header, CsvQuoting.Always);
            }

            csv.EndRecord();
            foreach (var row in table.Rows)
            {
                foreach (var cell in row)
                {
                    Field(csv, cell, language);
                }

                csv.EndRecord();
            }
        }

        return stream.ToArray();
    }

    private static void Field(CsvWriter csv, object? cell, ExportLanguage language)
    {
        switch (cell)
        {
            case null:
                csv.WriteField((string?)null);
                break;
            case string text:
                csv.WriteField(text, CsvQuoting.Always);
                break;
            case long count:
                csv.WriteField(count, "");
                break;
            case int count:
                csv.WriteField(count, "");
                break;
            case double number:
                csv.WriteField(number, ExportCells.NumberFormat);
                break;
            case Percent percent:
                csv.WriteField(percent.Value, ExportCells.PercentFormat);
                break;
            case DateOnly day:
                csv.WriteField(day, language.DateFormat);
                break;
            case DateTimeOffset at:
                csv.WriteField(ExportCells.Local(at), language.DateTimeFormat);
                break;
            default:
                throw ExportCells.Unknown(cell);
        }
    }
}
