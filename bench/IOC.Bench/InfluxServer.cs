using System.Diagnostics;
using IOC.Testing.Hosting;

namespace IOC.Bench;

/// <summary>A private influxd for one benchmark: <c>scripts/influxdb.sh start</c> in a temp folder, <c>stop</c> (by PID) at the end.</summary>
public sealed class InfluxServer : IAsyncDisposable
{
    private readonly string _folder;

    private InfluxServer(string folder, Uri url)
    {
        _folder = folder;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<InfluxServer> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("ioc-bench-influxdb-").FullName;
        var output = await ScriptAsync("start", folder);
        return new InfluxServer(folder, new Uri(output.Trim().Split('\n')[^1]));
    }

    public async ValueTask DisposeAsync()
    {
        await ScriptAsync("stop", _folder);
        Directory.Delete(_folder, recursive: true);
    }

    private static async Task<string> ScriptAsync(string command, string folder)
    {
        var script = Path.Combine(AppProcess.RepoRoot(), "scripts", "influxdb.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, command, folder]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"influxdb.sh {command}: {await error}");
    }
}
