using System.Diagnostics;
using System.Text.RegularExpressions;

namespace IOC.Cluster.Tests.Drill;

/// <summary>
/// scripts/cluster.sh driven from a test: a cluster in its own temp folder, started with the test's settings in the
/// environment, its nodes killed and restarted by number, and everything it started stopped by PID on dispose.
/// </summary>
public sealed partial class ClusterScript : IAsyncDisposable
{
    private readonly string _dir;

    private ClusterScript(string dir, IReadOnlyList<Uri> nodes, Uri front)
    {
        _dir = dir;
        Nodes = nodes;
        Front = front;
    }

    public IReadOnlyList<Uri> Nodes { get; }

    public Uri Front { get; }

    public string Folder => _dir;

    public static async Task<ClusterScript> StartAsync(int nodes, IReadOnlyDictionary<string, string> settings)
    {
        var dir = Directory.CreateTempSubdirectory("ioc-cluster-test-").FullName;
        var output = await RunAsync(settings, "start", nodes.ToString(System.Globalization.CultureInfo.InvariantCulture), dir);
        var urls = NodeLine().Matches(output).Select(m => new Uri(m.Groups[1].Value)).ToList();
        var front = FrontLine().Match(output);
        if (urls.Count != nodes || !front.Success)
        {
            throw new InvalidOperationException($"cluster.sh start printed no {nodes} nodes and front:\n{output}");
        }

        return new ClusterScript(dir, urls, new Uri(front.Groups[1].Value));
    }

    /// <summary>kill -9 of node <paramref name="node"/> (1-based, as the script numbers them).</summary>
    public Task KillAsync(int node) => RunAsync(new Dictionary<string, string>(), "kill", node.ToString(System.Globalization.CultureInfo.InvariantCulture), _dir);

    public Task RestartAsync(int node) => RunAsync(new Dictionary<string, string>(), "restart", node.ToString(System.Globalization.CultureInfo.InvariantCulture), _dir);

    /// <summary>Stops the shared inbox's PostgreSQL (fast shutdown, data kept) or starts it again on its port.</summary>
    public Task StopInboxStoreAsync() => RunScriptAsync("postgres.sh", new Dictionary<string, string>(), "stop", Path.Combine(_dir, "postgres"));

    public Task StartInboxStoreAsync() => RunScriptAsync("postgres.sh", new Dictionary<string, string>(), "start", Path.Combine(_dir, "postgres"));

    /// <summary>The shared inbox's connection string (cluster.env), to look at what was stored when a check fails.</summary>
    public string InboxConnectionString =>
        File.ReadLines(Path.Combine(_dir, "cluster.env")).Single(l => l.StartsWith("INBOX=", StringComparison.Ordinal))["INBOX=".Length..].Trim('\'');

    /// <summary>The node's log, for a failure message.</summary>
    public string LogTail(int node, int lines = 40)
    {
        var path = Path.Combine(_dir, $"node-{node}", "out.log");
        return File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(lines)) : "(no log)";
    }

    public async ValueTask DisposeAsync()
    {
        await RunAsync(new Dictionary<string, string>(), "stop", _dir);
        try
        {
            // PostgreSQL's folder belongs to the postgres user when run as root: best effort.
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static Task<string> RunAsync(IReadOnlyDictionary<string, string> settings, params string[] args) =>
        RunScriptAsync("cluster.sh", settings, args);

    private static async Task<string> RunScriptAsync(string script, IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(RepoRoot(), "scripts", script), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["IOC_DLL"] = WebDll();
        foreach (var (key, value) in settings)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {string.Join(' ', args)} exited {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }

        return await stdout;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IOC.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("IOC.sln not found above the test's folder.");
    }

    private static string WebDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        return Path.Combine(RepoRoot(), "src", "IOC.Web", "bin", configuration, "net10.0", "IOC.Web.dll");
    }

    [GeneratedRegex(@"^node \d+ (http://\S+)$", RegexOptions.Multiline)]
    private static partial Regex NodeLine();

    [GeneratedRegex(@"^front (http://\S+)$", RegexOptions.Multiline)]
    private static partial Regex FrontLine();
}
