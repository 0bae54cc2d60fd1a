using IOC.Tests.Shared;

namespace IOC.Web.Tests.Alerts;

/// <summary>seed-data/alert-rules.csv is checked when the app starts, like every seed file.</summary>
public sealed class AlertRulesSeedTests
{
    [Fact]
    public void ABadAlertRuleRowStopsTheStartNamingFileLineAndField()
    {
        using var seed = new TempFolder("ioc-alert-seed-");
        CopyDirectory(Seed.Directory, seed.Path);
        File.AppendAllText(
            Path.Combine(seed.Path, "alert-rules.csv"),
            "bad-rule,Sai,Wrong,dossier.onTimeRate,wards,,today,below,,10,0,0,critical,false,true,ok\n");
        using var factory = new SeedFactory(seed.Path);

        var act = () => factory.CreateClient();

        act.Should().Throw<InvalidDataException>().WithMessage("alert-rules.csv line 9, field 'threshold': is required for 'below'*");
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(dir.Replace(from, to));
        }

        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to));
        }
    }

    private sealed class SeedFactory(string seedDirectory) : IocWebFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["SeedData:Directory"] = seedDirectory,
        };
    }
}
