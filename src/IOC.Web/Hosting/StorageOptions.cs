namespace IOC.Web.Hosting;

public sealed class StorageOptions
{
    /// <summary>Where the inbox, logs and (later) history live. Empty: the user's local data folder, ioc/.</summary>
    public string DataDir { get; set; } = "";

    /// <summary>fsync every commit (survives power loss, slower). Off: survives a killed process.</summary>
    public bool FullSync { get; set; }

    public string ResolveDataDir()
    {
        var dir = string.IsNullOrWhiteSpace(DataDir)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "ioc")
            : DataDir;
        Directory.CreateDirectory(dir);
        return Path.GetFullPath(dir);
    }
}
