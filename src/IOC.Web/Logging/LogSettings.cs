namespace IOC.Web.Logging;

/// <summary>The "Serilog" configuration with <c>{DataDir}</c> in sink arguments replaced by the resolved data folder.</summary>
internal static class LogSettings
{
    public const string DataDirToken = "{DataDir}";

    public static IConfiguration WithDataDir(IConfiguration configuration, string dataDir)
    {
        var replaced = configuration.GetSection("Serilog").AsEnumerable()
            .Where(pair => pair.Value?.Contains(DataDirToken, StringComparison.Ordinal) == true)
            .ToDictionary(pair => pair.Key, pair => (string?)pair.Value!.Replace(DataDirToken, dataDir, StringComparison.Ordinal));
        return replaced.Count == 0
            ? configuration
            : new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(replaced).Build();
    }
}
