namespace IOC.Web.Tests.Logging;

/// <summary>The JSON log files a test host wrote in its data folder, read while the sink may still hold them open.</summary>
internal static class LogFiles
{
    public static string ReadAll(string dataDir) =>
        string.Join("\n", Directory.GetFiles(Path.Combine(dataDir, "logs"), "ioc-*.json").Select(ReadShared));

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }
}
