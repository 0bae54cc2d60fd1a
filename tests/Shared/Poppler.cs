using System.Diagnostics;

namespace IOC.Tests.Shared;

/// <summary>Runs Debian poppler-utils (pdftotext, pdffonts, pdfinfo, pdftoppm) on a PDF, as a reader's tools would see it.</summary>
public static class Poppler
{
    /// <summary>The text of the PDF: "-layout" keeps columns side by side; "-raw" keeps drawing order (a table cell's lines stay together).</summary>
    public static string Text(byte[] pdf, string mode = "-layout") => Run("pdftotext", pdf, mode, "-enc", "UTF-8", "{pdf}", "-");

    /// <summary>The text of each page on its own (pdftotext -f n -l n), to see where a table falls.</summary>
    public static IReadOnlyList<string> Pages(byte[] pdf)
    {
        var count = int.Parse(Info(pdf).Split('\n').Single(l => l.StartsWith("Pages:"))[6..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return Enumerable.Range(1, count).Select(n => Run("pdftotext", pdf, "-layout", "-enc", "UTF-8", "-f", $"{n}", "-l", $"{n}", "{pdf}", "-")).ToList();
    }

    public static string Fonts(byte[] pdf) => Run("pdffonts", pdf, "{pdf}");

    /// <summary>pdfinfo's "Key: value" lines (Pages, Page size, …).</summary>
    public static string Info(byte[] pdf) => Run("pdfinfo", pdf, "{pdf}");

    /// <summary>pdfimages' list of the pictures in the PDF: one line per image with its page, width and height.</summary>
    public static IReadOnlyList<(int Page, int Width, int Height)> Images(byte[] pdf) =>
        [.. Run("pdfimages", pdf, "-list", "{pdf}").Split('\n').Skip(2)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(cells => cells.Length > 4 && cells[2] == "image")
            .Select(cells => (int.Parse(cells[0]), int.Parse(cells[3]), int.Parse(cells[4])))];

    /// <summary>Page 1 as a PNG at 60 dpi, written to <paramref name="png"/> (to look at what a reader sees).</summary>
    public static void FirstPagePng(byte[] pdf, string png) =>
        Run("pdftoppm", pdf, "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", "{pdf}", png[..^".png".Length]);

    private static string Run(string tool, byte[] pdf, params string[] args)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ioc-review-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg == "{pdf}" ? path : arg);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start (apt-get install poppler-utils).");
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            process.ExitCode.Should().Be(0, $"{tool} failed: {error}");
            return output;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Words joined by single spaces, so a sentence wrapped over lines reads as one.</summary>
    public static string Flat(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\f'], StringSplitOptions.RemoveEmptyEntries));
}
