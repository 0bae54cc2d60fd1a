namespace IOC.Reports.Tables;

/// <summary>A table to export: a sheet name, Vietnamese column headers and rows of cells.</summary>
/// <param name="Rows">Cells: <see cref="string"/>, <see cref="long"/>, <see cref="int"/>, <see cref="double"/>, <see cref="DateOnly"/>, <see cref="DateTimeOffset"/> or null (empty).</param>
public sealed record ExportTable(string Sheet, IReadOnlyList<string> Headers, IReadOnlyList<object?[]> Rows);

/// <summary>What an export holds: one or more tables (CSV carries the first; Excel one sheet each) and a file name without extension.</summary>
public sealed record ExportBook(string FileName, IReadOnlyList<ExportTable> Tables);
