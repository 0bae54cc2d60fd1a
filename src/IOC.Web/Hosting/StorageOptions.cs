namespace IOC.Web.Hosting;

public sealed class StorageOptions
{
    /// <summary>Where the inbox, logs and history live. Empty: the user's local data folder, ioc/.</summary>
    public string DataDir { get; set; } = "";

    /// <summary>fsync every inbox commit before the 202 (survives a power cut; the default). Off: survives a killed process only.</summary>
    public bool FullSync { get; set; } = true;

    /// <summary>Where the inbox is: <c>sqlite</c> (inbox.db in the data folder) or <c>postgres</c> (shared by a cluster; see <see cref="InboxStores"/>).</summary>
    public string Inbox { get; set; } = InboxStores.Sqlite;

    public string ResolveDataDir()
    {
        var dir = string.IsNullOrWhiteSpace(DataDir)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "ioc")
            : DataDir;
        Directory.CreateDirectory(dir);
        return Path.GetFullPath(dir);
    }
}
