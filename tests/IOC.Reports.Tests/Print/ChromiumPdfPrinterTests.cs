using System.Diagnostics;
using System.Runtime.Versioning;
using IOC.Reports.Print;
using IOC.Tests.Shared;

namespace IOC.Reports.Tests.Print;

/// <summary>The printer around the browser, with fake "browsers" (small shell scripts) that fail or hang.</summary>
[SupportedOSPlatform("linux")]
public sealed class ChromiumPdfPrinterTests : IDisposable
{
    private readonly TempFolder _folder = new("ioc-fake-browser-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task AMissingBrowserSaysWhatToInstallOrConfigure()
    {
        using var printer = new ChromiumPdfPrinter(new ChromiumOptions { Browser = _folder.File("no-such-chromium") });

        var print = () => printer.PrintAsync("<p>x</p>");

        (await print.Should().ThrowAsync<PdfPrinterException>())
            .Which.Message.Should().Contain("no-such-chromium").And.Contain("sudo apt-get install chromium").And.Contain("Reports:Chromium");
    }

    [Fact]
    public async Task AFailingBrowserIsReportedWithTheEndOfWhatItSaid()
    {
        var browser = FakeBrowser("echo 'cannot open display' >&2\nexit 3");
        using var printer = new ChromiumPdfPrinter(new ChromiumOptions { Browser = browser });

        var print = () => printer.PrintAsync("<p>x</p>");

        (await print.Should().ThrowAsync<PdfPrinterException>())
            .Which.Message.Should().Contain("exit code 3").And.Contain("cannot open display");
        TempFolderOf(browser).Should().NotBeNull().And.Match<string>(f => !Directory.Exists(f), "the print's temp folder is deleted");
    }

    [Fact]
    public async Task ABrowserThatHangsIsKilledWithItsChildrenAtTheTimeoutAndItsFolderDeleted()
    {
        // The script starts a child that would outlive it, records the child's pid and waits: Kill(entireProcessTree) must end both.
        var browser = FakeBrowser($"sleep 60 &\necho $! > '{_folder.File("child.pid")}'\nwait");
        using var printer = new ChromiumPdfPrinter(new ChromiumOptions { Browser = browser, Timeout = TimeSpan.FromSeconds(1) });
        var clock = Stopwatch.StartNew();

        var print = () => printer.PrintAsync("<p>x</p>");

        (await print.Should().ThrowAsync<PdfPrinterException>()).Which.Message.Should().Contain("within 1 s").And.Contain("Reports:PdfTimeoutSeconds");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20));
        IsRunning(int.Parse(File.ReadAllText(_folder.File("child.pid")).Trim())).Should().BeFalse("the browser's child process was killed too");
        TempFolderOf(browser).Should().NotBeNull().And.Match<string>(f => !Directory.Exists(f), "the print's temp folder is deleted");
    }

    [Fact]
    public async Task TheBrowserIsGivenThePageInItsOwnFolderAndAFreshProfile()
    {
        var browser = FakeBrowser("exit 0");
        using var printer = new ChromiumPdfPrinter(new ChromiumOptions { Browser = browser });

        var print = () => printer.PrintAsync("<p>x</p>");

        (await print.Should().ThrowAsync<PdfPrinterException>()).Which.Message.Should().Contain("without writing the PDF");
        var args = File.ReadAllLines(_folder.File("args"));
        var folder = TempFolderOf(browser)!;
        args.Should().Contain("--headless").And.Contain($"--user-data-dir={Path.Combine(folder, "profile")}").And.Contain($"--print-to-pdf={Path.Combine(folder, "report.pdf")}");
        args[^1].Should().Be(new Uri(Path.Combine(folder, "report.html")).AbsoluteUri);
    }

    /// <summary>An executable script that records its arguments (one a line) in args, then runs <paramref name="body"/>.</summary>
    private string FakeBrowser(string body)
    {
        var path = _folder.File("fake-chromium");
        File.WriteAllText(path, $"#!/bin/sh\nfor a in \"$@\"; do echo \"$a\" >> '{_folder.File("args")}'; done\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>The temp folder the printer made for the print, read from the --print-to-pdf argument the fake browser got.</summary>
    private string? TempFolderOf(string browser) =>
        File.ReadAllLines(_folder.File("args")).Where(a => a.StartsWith("--print-to-pdf=")).Select(a => Path.GetDirectoryName(a["--print-to-pdf=".Length..])).SingleOrDefault();

    /// <summary>Whether a process is alive (a zombie waiting for its reaper counts as ended).</summary>
    private static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        return File.Exists(stat) && File.ReadAllText(stat).Split(')')[^1].Trim()[0] != 'Z';
    }
}
