using System.Globalization;

namespace IOC.Bench.Cluster;

/// <summary>What Linux says about the machine and a process: the load average and a resident set.</summary>
internal static class Machine
{
    public static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    /// <summary>Resident memory of a process in MiB (VmRSS), or null when it is gone.</summary>
    public static double? ResidentMiB(int pid)
    {
        var path = $"/proc/{pid}/status";
        if (!File.Exists(path))
        {
            return null;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>The PIDs scripts/cluster.sh wrote for its nodes (node-N/pid in the cluster's folder).</summary>
    public static IReadOnlyList<int> NodePids(string clusterFolder, int nodes) =>
        [.. Enumerable.Range(1, nodes).Select(i => int.Parse(File.ReadAllText(Path.Combine(clusterFolder, $"node-{i}", "pid")).Trim(), CultureInfo.InvariantCulture))];

    /// <summary>User + system CPU seconds of a process so far (/proc/{pid}/stat fields 14 and 15, in ticks of 1/100 s), or null when it is gone.</summary>
    public static double? CpuSeconds(int pid) => CpuSeconds(pid, withReapedChildren: false);

    /// <param name="withReapedChildren">Also the CPU of its children that ended and that it waited for (cutime, cstime).</param>
    private static double? CpuSeconds(int pid, bool withReapedChildren)
    {
        var path = $"/proc/{pid}/stat";
        if (!File.Exists(path))
        {
            return null;
        }

        var stat = File.ReadAllText(path);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        if (withReapedChildren)
        {
            ticks += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        }

        return ticks / 100.0;
    }

    /// <summary>
    /// CPU seconds of a process and every process below it (a PostgreSQL server: the postmaster and its backends, one
    /// per connection), so the shared store's share of the machine is counted too. A backend whose connection closed
    /// counts through its parent's reaped-children time: without it the sum fell when connections closed (a cluster
    /// run once showed PostgreSQL at −12 s while units moved between nodes).
    /// </summary>
    public static double TreeCpuSeconds(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    parents[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                    // The process ended while it was listed.
                }
            }
        }

        bool Below(int pid)
        {
            for (var at = pid; at > 1; at = parents.GetValueOrDefault(at))
            {
                if (at == root)
                {
                    return true;
                }
            }

            return false;
        }

        return parents.Keys.Where(Below).Sum(pid => CpuSeconds(pid, withReapedChildren: true) ?? 0);
    }

    /// <summary>The PID of the PostgreSQL server scripts/cluster.sh started for a cluster (postmaster.pid's first line).</summary>
    public static int PostgresPid(string clusterFolder) =>
        int.Parse(File.ReadLines(Path.Combine(clusterFolder, "postgres", "data", "postmaster.pid")).First().Trim(), CultureInfo.InvariantCulture);

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
