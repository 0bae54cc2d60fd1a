using System.Diagnostics;
using System.Runtime.InteropServices;
using IOC.History.Influx;

namespace IOC.History.Tests.Integration;

/// <summary>
/// A real influxd started by <c>scripts/influxdb.sh start</c> in a temp folder and stopped by <c>stop</c> (by its PID).
/// influxd must be installed (scripts/test.sh installs Debian's influxdb when it is missing): without it these
/// tests fail with the script's message, they are never skipped.
/// </summary>
public sealed class InfluxDb : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ioc-influxdb-test-").FullName;

    public Uri Url { get; private set; } = null!;

    public int Pid { get; private set; }

    public async Task InitializeAsync() => await StartAsync();

    public async Task DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Starts influxd in the folder: the first time on free ports, then again on the same port with the same data.</summary>
    public async Task StartAsync()
    {
        var output = await ScriptAsync("start");
        Url = new Uri(output.Trim().Split('\n')[^1]);
        var env = File.ReadAllLines(Path.Combine(_folder, "influxdb.env"));
        Pid = int.Parse(env.Single(l => l.StartsWith("INFLUXDB_PID=", StringComparison.Ordinal))["INFLUXDB_PID=".Length..]);
    }

    public Task StopAsync() => ScriptAsync("stop");

    /// <summary>SIGSTOP: influxd hangs with its socket open (requests time out instead of being refused).</summary>
    public void Pause() => Signal(19);

    public void Resume() => Signal(18);

    public InfluxClient Client() => new(Url, TimeSpan.FromSeconds(10));

    /// <summary>The sum of a counter over every point of a measurement in one retention policy.</summary>
    public async Task<long> SumAsync(string database, string policy, string field, string level = "city")
    {
        using var client = Client();
        var statements = await client.QueryAsync(database, $"SELECT sum(\"{field}\") FROM \"{database}\".\"{policy}\".\"counters\" WHERE \"level\" = '{level}'", default);
        var series = statements[0].Series;
        return series.Count == 0 ? 0 : InfluxResultParser.AsLong(series[0].Rows[0][1]);
    }

    private async Task<string> ScriptAsync(string command)
    {
        var script = Path.Combine(AppProcess.RepoRoot(), "scripts", "influxdb.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, command, _folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/influxdb.sh {command} failed ({process.ExitCode}): {await error}{await output}");
        }

        return await output;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    private void Signal(int signal)
    {
        if (kill(Pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({Pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }
}
