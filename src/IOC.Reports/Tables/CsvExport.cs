using System.Globalization;
using CsvHelper;

namespace IOC.Reports.Tables;

/// <summary>
/// CSV (RFC 4180, UTF-8 with a byte order mark so Excel shows the Vietnamese headers right), numbers with a dot,
/// times as ISO 8601 in Hanoi time. Text that a spreadsheet would run as a formula is escaped (CsvHelper's default).
/// </summary>
public static class CsvExport
{
    public static byte[] Write(ExportTable table)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, new CsvWriterOptions { WriteByteOrderMark = true }, leaveOpen: true))
        {
            csv.WriteHeader(table.Headers.ToArray());
            foreach (var row in table.Rows)
            {
                csv.WriteRecord(row.Select(Text).ToArray());
            }
        }

        return stream.ToArray();
    }

    public static string? Text(object? cell) => cell switch
    {
        null => null,
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("0.##", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset at => IOC.Domain.Time.VietnamTime.ToLocal(at).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        _ => Convert.ToString(cell, CultureInfo.InvariantCulture),
    };
}
