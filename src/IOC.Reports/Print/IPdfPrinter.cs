namespace IOC.Reports.Print;

/// <summary>Turns a self-contained HTML document (see <see cref="ReviewHtml"/>) into a PDF.</summary>
public interface IPdfPrinter
{
    /// <exception cref="PdfPrinterException">The printer is missing, failed or took too long; the message says what to do.</exception>
    Task<byte[]> PrintAsync(string html, CancellationToken ct = default);
}

/// <summary>Photographs a self-contained HTML document as a PNG (a page for a phone or a message).</summary>
public interface IPageCamera
{
    /// <param name="width">The browser window in CSS pixels; the page is laid out at this width.</param>
    /// <param name="scale">Device pixels per CSS pixel: 2 gives a PNG twice as wide and tall, sharp on a phone.</param>
    /// <exception cref="PdfPrinterException">The browser is missing, failed or took too long; the message says what to do.</exception>
    Task<byte[]> PhotographAsync(string html, int width, int height, double scale, CancellationToken ct = default);
}

/// <summary>Printing a PDF is not possible on this server right now; the message names the fix (install, setting) and the browser's last words.</summary>
public sealed class PdfPrinterException(string message) : Exception(message);

/// <summary>Where the browser is and how long a print may take (settings <c>Reports:Chromium</c>, <c>Reports:PdfTimeoutSeconds</c>).</summary>
public sealed record ChromiumOptions
{
    /// <summary>A path or a command name; empty: the first of <see cref="ChromiumPdfPrinter.Names"/> on PATH.</summary>
    public string? Browser { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Browsers printing at once; more requests wait (each browser keeps a core busy for most of a second).</summary>
    public int Concurrency { get; init; } = 2;
}
