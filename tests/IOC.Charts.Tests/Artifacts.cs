namespace IOC.Charts.Tests;

/// <summary>Charts the tests drew, saved under artifacts/charts/ at the repository root so a person can look at them.</summary>
public static class Artifacts
{
    public static void Save(string name, byte[] png)
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "IOC.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        var folder = Directory.CreateDirectory(Path.Combine(dir ?? Path.GetTempPath(), "artifacts", "charts")).FullName;
        File.WriteAllBytes(Path.Combine(folder, name + ".png"), png);
    }
}
