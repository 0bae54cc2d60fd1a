using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IOC.Web.Tests.Durability;

/// <summary>The real server as a child process (dotnet IOC.Web.dll) on a free loopback port, killable with SIGKILL.</summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process _process;

    private AppProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<AppProcess> StartAsync(string dataDir, TimeSpan timeout)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var info = new ProcessStartInfo("dotnet", [WebDll(), "--urls", address.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(WebDll())!,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["Storage__DataDir"] = dataDir;
        info.Environment["Simulator__Enabled"] = "false";
        info.Environment["SeedData__Directory"] = Path.Combine(RepoRoot(), "seed-data");
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var app = new AppProcess(process, address);
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"IOC.Web exited with code {process.ExitCode} during start.");
            }

            try
            {
                if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        app.Kill();
        throw new TimeoutException($"IOC.Web did not answer /health within {timeout}.");
    }

    /// <summary>Runs a CLI command of IOC.Web (e.g. replay) to its end: exit code and standard output.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(string dataDir, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet", [WebDll(), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(WebDll())!,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["Storage__DataDir"] = dataDir;
        info.Environment["SeedData__Directory"] = Path.Combine(RepoRoot(), "seed-data");
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    public static string SeedDataFile(string name) => Path.Combine(RepoRoot(), "seed-data", name);

    /// <summary>SIGKILL: no shutdown hooks, no flush; only what was committed survives.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The web app built beside this test assembly's configuration (Debug or Release).</summary>
    private static string WebDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var path = Path.Combine(RepoRoot(), "src", "IOC.Web", "bin", configuration, "net10.0", "IOC.Web.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build src/IOC.Web first.", path);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IOC.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("IOC.sln not found above the test assembly.");
    }
}
