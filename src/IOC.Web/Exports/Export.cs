using IOC.Reports.Tables;

namespace IOC.Web.Exports;

public static class Export
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string PdfType = "application/pdf";

    /// <summary>JSON as is, or the table built by <paramref name="book"/> as a CSV or Excel download.</summary>
    public static IResult Answer<T>(T result, string format, Func<ExportBook> book) => format switch
    {
        "csv" => File(book(), "csv"),
        "xlsx" => File(book(), "xlsx"),
        _ => Results.Ok(result),
    };

    private static IResult File(ExportBook book, string extension) => extension == "csv"
        ? Results.File(CsvExport.Write(book.Tables[0]), CsvType, book.FileName + ".csv")
        : Results.File(ExcelExport.Write(book), XlsxType, book.FileName + ".xlsx");
}
