using IOC.Testing.Hosting;

namespace IOC.Bench;

/// <summary>
/// The benches that start the server run <c>src/IOC.Web/bin/Release</c>, which building this project does not rebuild:
/// a probe once measured an old server and found "no difference". Says so before any figure is taken.
/// </summary>
internal static class ServerBuild
{
    private static readonly string[] SourceFolders = ["src", "grains", "dashboards"];

    /// <summary>The newest source file written after the Release server was built, or null when the build is newer.</summary>
    public static string? NewerSource(string root)
    {
        var server = new FileInfo(Path.Combine(root, "src", "IOC.Web", "bin", "Release", "net10.0", "IOC.Web.dll"));
        if (!server.Exists)
        {
            return null;   // AppProcess says it is missing, with the command to build it.
        }

        return SourceFolders
            .Select(folder => Path.Combine(root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories))
            .Where(path => path.EndsWith(".cs", StringComparison.Ordinal) || path.EndsWith(".razor", StringComparison.Ordinal) || path.EndsWith(".csproj", StringComparison.Ordinal))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                           && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(path => File.GetLastWriteTimeUtc(path) > server.LastWriteTimeUtc)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault();
    }

    public static void WarnIfStale()
    {
        if (NewerSource(AppProcess.RepoRoot()) is { } newer)
        {
            Console.Error.WriteLine(
                $"warning: {newer} is newer than src/IOC.Web/bin/Release: the server measured is an older build. " +
                "Run: dotnet build -c Release src/IOC.Web && dotnet build -c Release bench/IOC.Bench");
        }
    }
}
