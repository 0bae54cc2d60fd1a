using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace IOC.Testing.Hosting;

/// <summary>How to start the real server as a child process.</summary>
public sealed record AppProcessOptions
{
    /// <summary>Data directory; a new temp folder (deleted on dispose) when null.</summary>
    public string? DataDir { get; init; }

    /// <summary>Loopback port; a free one when null. Pass the old port to restart "the same server".</summary>
    public int? Port { get; init; }

    /// <summary>Build configuration of IOC.Web to run; the caller's own when null.</summary>
    public string? Configuration { get; init; }

    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// The real server (dotnet IOC.Web.dll) as a child process on a 127.0.0.1 port, simulator off, Development
/// environment, requests without credentials signed in as the development viewer with role admin: killable with SIGKILL, freezable with SIGSTOP. Shared by the test projects and the benchmarks.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process _process;
    private readonly bool _ownsDataDir;

    private AppProcess(Process process, Uri address, string dataDir, bool ownsDataDir)
    {
        _process = process;
        Address = address;
        DataDir = dataDir;
        _ownsDataDir = ownsDataDir;
    }

    public Uri Address { get; }

    public int Port => Address.Port;

    public string DataDir { get; }

    public int Pid => _process.Id;

    public static Task<AppProcess> StartAsync(string dataDir, TimeSpan timeout) =>
        StartAsync(new AppProcessOptions { DataDir = dataDir, Timeout = timeout });

    public static async Task<AppProcess> StartAsync(AppProcessOptions options)
    {
        var address = new Uri($"http://127.0.0.1:{options.Port ?? FreePort()}");
        var dataDir = options.DataDir ?? Directory.CreateTempSubdirectory("ioc-app-").FullName;
        var info = Info(dataDir, options.Configuration, "--urls", address.ToString());
        info.Environment["Simulator__Enabled"] = "false";
        foreach (var (key, value) in options.Settings)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var app = new AppProcess(process, address, dataDir, options.DataDir is null);
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < options.Timeout)
        {
            if (process.HasExited)
            {
                app.Dispose();
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

        app.Dispose();
        throw new TimeoutException($"IOC.Web did not answer /health within {options.Timeout}.");
    }

    /// <summary>Runs a CLI command of IOC.Web (e.g. replay) to its end: exit code and standard output.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(string dataDir, params string[] args)
    {
        using var process = Process.Start(Info(dataDir, null, args))!;
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

    /// <summary>SIGSTOP: the server freezes (a hung machine) but keeps its sockets open.</summary>
    public void Pause() => Signal(SigStop);

    /// <summary>SIGCONT: the frozen server carries on.</summary>
    public void Resume() => Signal(SigCont);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Resume();
        }

        Kill();
        _process.Dispose();
        if (_ownsDataDir)
        {
            try
            {
                Directory.Delete(DataDir, recursive: true);
            }
            catch (IOException)
            {
                // The OS temp cleaner takes what a late log flush left.
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IOC.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("IOC.sln not found above " + AppContext.BaseDirectory);
    }

    private const int SigStop = 19;
    private const int SigCont = 18;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    private void Signal(int signal)
    {
        if (kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    private static ProcessStartInfo Info(string dataDir, string? configuration, params string[] args)
    {
        var dll = WebDll(configuration);
        var info = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["Storage__DataDir"] = dataDir;
        info.Environment["SeedData__Directory"] = Path.Combine(RepoRoot(), "seed-data");
        // The test identity (docs/security.md): in Development a request without credentials is the development
        // viewer; here it gets role admin so that every page and API opens without a sign-in. Tests of the sign-in
        // itself set Access__DevelopmentViewer=false (or another role) in their Settings.
        info.Environment["Access__DevelopmentViewerRole"] = "admin";
        return info;
    }

    /// <summary>The web app built in the given configuration, by default the caller's (Debug or Release).</summary>
    private static string WebDll(string? configuration)
    {
        configuration ??= new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var path = Path.Combine(RepoRoot(), "src", "IOC.Web", "bin", configuration, "net10.0", "IOC.Web.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build src/IOC.Web ({configuration}) first.", path);
    }
}
