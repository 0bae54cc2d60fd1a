using System.ComponentModel;
using System.Diagnostics;

namespace IOC.Reports.Print;

/// <summary>
/// Prints HTML to PDF (or photographs it as a PNG) with headless Chromium (BSD licence; HarfBuzz text shaping; CSS paged media). Each print gets
/// its own temporary folder holding the page, the PDF and a fresh browser profile, deleted afterwards whatever
/// happened; a browser that overruns the timeout is killed with its child processes through its own handle.
/// At most <see cref="ChromiumOptions.Concurrency"/> browsers run at once.
/// </summary>
public sealed class ChromiumPdfPrinter(ChromiumOptions options) : IPdfPrinter, IPageCamera, IDisposable
{
    /// <summary>The commands looked for on PATH when <c>Reports:Chromium</c> is not set, in order.</summary>
    public static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome"];

    private const string Install = "Install Chromium where the server runs (Debian/Ubuntu: sudo apt-get install chromium) or set Reports:Chromium to the browser's path.";
    private const int TailLines = 8;

    private readonly SemaphoreSlim _slots = new(options.Concurrency, options.Concurrency);

    public Task<byte[]> PrintAsync(string html, CancellationToken ct = default) =>
        RenderAsync(html, "report.pdf", "the PDF", pdf => [$"--print-to-pdf={pdf}", "--no-pdf-header-footer"], ct);

    public Task<byte[]> PhotographAsync(string html, int width, int height, double scale, CancellationToken ct = default) =>
        RenderAsync(html, "page.png", "the picture", png =>
        [
            $"--screenshot={png}", $"--window-size={width},{height}",
            $"--force-device-scale-factor={scale.ToString(System.Globalization.CultureInfo.InvariantCulture)}", "--hide-scrollbars",
        ], ct);

    private async Task<byte[]> RenderAsync(string html, string output, string what, Func<string, string[]> outputArgs, CancellationToken ct)
    {
        var browser = FindBrowser();
        await _slots.WaitAsync(ct);
        try
        {
            var folder = Directory.CreateTempSubdirectory("ioc-pdf-");
            try
            {
                return await RenderInAsync(folder.FullName, browser, html, output, what, outputArgs, ct);
            }
            finally
            {
                await DeleteAsync(folder);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();

    private async Task<byte[]> RenderInAsync(string folder, string browser, string html, string output, string what, Func<string, string[]> outputArgs, CancellationToken ct)
    {
        var page = Path.Combine(folder, "report.html");
        var file = Path.Combine(folder, output);
        await File.WriteAllTextAsync(page, html, ct);
        var tail = await RunAsync(browser, Arguments(folder, page, outputArgs(file)), ct);
        return File.Exists(file) && new FileInfo(file).Length > 0
            ? await File.ReadAllBytesAsync(file, ct)
            : throw new PdfPrinterException($"{browser} exited without writing {what}. {tail}");
    }

    /// <summary>The browser to start: <c>Reports:Chromium</c> (a path or a command), else the first of <see cref="Names"/> on PATH.</summary>
    public string FindBrowser()
    {
        if (!string.IsNullOrWhiteSpace(options.Browser))
        {
            return File.Exists(options.Browser) ? options.Browser : OnPath(options.Browser)
                ?? throw new PdfPrinterException($"Reports:Chromium is '{options.Browser}', which is neither a file nor a command on PATH. {Install}");
        }

        return Names.Select(OnPath).FirstOrDefault(p => p is not null)
            ?? throw new PdfPrinterException($"No browser to print the PDF with: none of {string.Join(", ", Names)} is on PATH. {Install}");
    }

    private static string? OnPath(string command) =>
        command.Contains('/') ? null : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, command))
            .FirstOrDefault(File.Exists);

    private static List<string> Arguments(string folder, string page, string[] output)
    {
        List<string> args =
        [
            "--headless", "--disable-gpu", "--no-first-run", "--disable-extensions",
            $"--user-data-dir={Path.Combine(folder, "profile")}", .. output,
        ];
        // Chromium refuses to start its sandbox as root (containers often run as root). The page is our own HTML,
        // written by ReviewHtml with every text encoded, no script (CSP) and nothing loaded from the network.
        if (Environment.IsPrivilegedProcess)
        {
            args.Add("--no-sandbox");
        }

        args.Add(new Uri(page).AbsoluteUri);
        return args;
    }

    /// <summary>Runs the browser to its end; returns the tail of its error output for messages.</summary>
    private async Task<string> RunAsync(string browser, List<string> args, CancellationToken ct)
    {
        var start = new ProcessStartInfo(browser) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        args.ForEach(start.ArgumentList.Add);
        using var process = new Process { StartInfo = start };
        var errors = new Queue<string>();
        process.ErrorDataReceived += (_, e) => Remember(errors, e.Data);
        process.OutputDataReceived += (_, _) => { };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new PdfPrinterException($"{browser} could not be started: {ex.Message}. {Install}");
        }

        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(options.Timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            // This process and its children only, by handle: other browsers (other requests, a user's) live on.
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(5));
            ct.ThrowIfCancellationRequested();
            throw new PdfPrinterException(
                $"{browser} did not finish the PDF within {options.Timeout.TotalSeconds:0} s and was stopped (Reports:PdfTimeoutSeconds). {Tail(errors)}");
        }

        return process.ExitCode == 0
            ? Tail(errors)
            : throw new PdfPrinterException($"{browser} failed with exit code {process.ExitCode}. {Install} {Tail(errors)}");
    }

    // Chromium's error output is mostly D-Bus noise on a server without a session bus; keep the last other lines.
    private static void Remember(Queue<string> errors, string? line)
    {
        if (string.IsNullOrWhiteSpace(line) || line.Contains("dbus", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        lock (errors)
        {
            errors.Enqueue(line.Trim());
            if (errors.Count > TailLines)
            {
                errors.Dequeue();
            }
        }
    }

    private static string Tail(Queue<string> errors)
    {
        lock (errors)
        {
            return errors.Count == 0 ? "" : "Browser output: " + string.Join(" | ", errors);
        }
    }

    // A killed browser's helpers may still be closing files in the profile for a moment: retry briefly.
    private static async Task DeleteAsync(DirectoryInfo folder)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                folder.Delete(recursive: true);
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                await Task.Delay(200 * attempt);
            }
        }
    }
}
