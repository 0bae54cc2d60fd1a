using IOC.Reports.Tables;

namespace IOC.Web.Exports;

public static class Export
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string PdfType = "application/pdf";

    /// <summary>JSON as is, or the table built by <paramref name="book"/> as a CSV or Excel download in <paramref name="language"/>.</summary>
    public static IResult Answer<T>(T result, string format, ExportLanguage language, Func<ExportLanguage, ExportBook> book) => format switch
    {
        "csv" => Csv(book(language)),
        "xlsx" => Xlsx(book(language)),
        _ => Results.Ok(result),
    };

    /// <summary>The first table as CSV; an English file's name ends in -en.</summary>
    public static IResult Csv(ExportBook book) =>
        Results.File(CsvExport.Write(book.Tables[0], book.Language), CsvType, book.FileName + book.Language.FileSuffix + ".csv");

    public static IResult Xlsx(ExportBook book) =>
        Results.File(ExcelExport.Write(book), XlsxType, book.FileName + book.Language.FileSuffix + ".xlsx");
}
