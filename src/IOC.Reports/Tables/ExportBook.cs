namespace IOC.Reports.Tables;

/// <summary>A table to export: a sheet name, column headers in the book's language and rows of cells.</summary>
/// <param name="Rows">
/// Cells: <see cref="string"/> (text, never a formula), <see cref="long"/> or <see cref="int"/> (a count),
/// <see cref="double"/> (a number), <see cref="Percent"/>, <see cref="DateOnly"/>, <see cref="DateTimeOffset"/>
/// (written in Hanoi time) or null (empty).
/// </param>
public sealed record ExportTable(string Sheet, IReadOnlyList<string> Headers, IReadOnlyList<object?[]> Rows);

/// <summary>
/// What an export holds: one or more tables (CSV carries the first; Excel one sheet each), a file name without
/// extension, and the language whose words and conventions it is written in.
/// </summary>
public sealed record ExportBook(string FileName, IReadOnlyList<ExportTable> Tables, ExportLanguage Language);
