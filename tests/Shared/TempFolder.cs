namespace IOC.Tests.Shared;

/// <summary>A fresh folder per test, deleted with everything in it (an inbox and its WAL files, copied seed-data) on dispose.</summary>
public sealed class TempFolder(string prefix = "ioc-test-") : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
