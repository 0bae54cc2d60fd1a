namespace IOC.Ingestion.Tests;

/// <summary>A fresh folder per test, deleted with everything in it (the inbox and its WAL files) on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("ioc-ingestion-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
