namespace IOC.Reports.Tables;

/// <summary>
/// A cell holding a percentage, in percent (62.75 for 62,75%): the CSV writes "62,75%", which Excel and LibreOffice
/// read as a percentage, and the workbook stores 0.6275 formatted "0.0%", so it sums and charts as a share.
/// </summary>
public readonly record struct Percent(double Value)
{
    /// <summary>A percentage cell, or an empty one when there is nothing to divide by.</summary>
    public static object? Of(double? value) => value is { } v ? new Percent(v) : null;
}
