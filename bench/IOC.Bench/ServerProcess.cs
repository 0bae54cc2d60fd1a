using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IOC.Bench;

/// <summary>The Release build of IOC.Web as a child process on a free 127.0.0.1 port with its own temp data dir.</summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri address, string dataDir)
    {
        _process = process;
        Address = address;
        DataDir = dataDir;
    }

    public Uri Address { get; }

    public string DataDir { get; }

    public static async Task<ServerProcess> StartAsync(IDictionary<string, string> settings)
    {
        var root = RepoRoot();
        var dll = Path.Combine(root, "src", "IOC.Web", "bin", "Release", "net10.0", "IOC.Web.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("Build the server first: dotnet build -c Release src/IOC.Web", dll);
        }

        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var address = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}");
        probe.Stop();

        var dataDir = Directory.CreateTempSubdirectory("ioc-bench-").FullName;
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", address.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.Environment["Storage__DataDir"] = dataDir;
        info.Environment["SeedData__Directory"] = Path.Combine(root, "seed-data");
        info.Environment["Simulator__Enabled"] = "false";
        foreach (var (key, value) in settings)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, address, dataDir);
        using var http = new HttpClient { BaseAddress = address };
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        server.Dispose();
        throw new TimeoutException("IOC.Web did not become healthy in 30 s.");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        Directory.Delete(DataDir, recursive: true);
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

        throw new DirectoryNotFoundException("IOC.sln not found.");
    }
}
