using System.Text;
using IOC.Domain.Seed;
using IOC.Domain.Targets;
using IOC.Domain.Units;
using IOC.Tests.Shared;
using RepoSeed = IOC.Tests.Shared.Seed;

namespace IOC.Domain.Tests.Seed;

/// <summary>seed-data/country/ (34 provinces, 3,321 communes, national targets) and the scope a deployment chooses.</summary>
public sealed class CountrySeedTests : IDisposable
{
    private readonly TempFolder _folder = new("ioc-country-seed-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void TheCountryHas34ProvincesAnd3321CommunesEachUnderItsProvince()
    {
        var units = SeedData.LoadUnits(RepoSeed.Directory, DeploymentScope.Country);

        units.IsNational.Should().BeTrue();
        units.Head.Should().Be(units.Country);
        units.Head.Key.Should().Be(new UnitKey(UnitLevel.Country, "VN"));
        units.Provinces.Should().HaveCount(34);
        units.Provinces.Select(p => p.Code).Should().OnlyHaveUniqueItems();
        units.Provinces.Should().OnlyContain(p => p.Level == UnitLevel.City && p.Code.Length == 2);
        units.Wards.Should().HaveCount(3321);
        units.Wards.Select(w => w.Code).Should().OnlyHaveUniqueItems();
        units.Wards.Should().OnlyContain(w => w.Code.Length == 5 && w.Code.All(char.IsAsciiDigit));
        units.Provinces.Sum(p => units.WardsOf(p.Code).Count).Should().Be(3321);
        units.Wards.Should().OnlyContain(w => units.ProvinceOf(w.Key) != null);
        units.All.Should().OnlyContain(u => u.Name.IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public void EveryCommuneSitsUnderTheProvinceTheOfficialListGivesIt()
    {
        var units = SeedData.LoadUnits(RepoSeed.Directory, DeploymentScope.Country);
        var reference = Path.Combine(RepoSeed.Directory, "..", "..", "shared", "reference", "vn-communes-2025.csv");
        var official = File.Exists(reference)
            ? File.ReadLines(reference).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => (Name: f[1], Province: f[3]))
            : File.ReadLines(Path.Combine(RepoSeed.Directory, "country", "communes.csv")).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => (Name: f[1], Province: f[4]));

        official.Should().HaveCount(3321);
        foreach (var ward in units.Wards)
        {
            official[ward.Code].Should().Be((ward.Name, units.ProvinceOf(ward.Key)!.Code), $"commune {ward.Code}");
        }
    }

    [Fact]
    public void HanoisCommunesInTheCountryAreExactlyTheProvinceDeploymentsWards()
    {
        var hanoi = SeedData.LoadUnits(RepoSeed.Directory);
        var country = SeedData.LoadUnits(RepoSeed.Directory, DeploymentScope.Country);

        country.WardsOf("01").Select(w => (w.Code, w.Name, w.Type)).Should().BeEquivalentTo(hanoi.Wards.Select(w => (w.Code, w.Name, w.Type)));
        country.AgenciesOf("01").Select(a => a.Code).Should().Equal(hanoi.Agencies.Select(a => a.Code));
        country.TryGetProvince("01", out var province).Should().BeTrue();
        province.Name.Should().Be("Thành phố Hà Nội");
    }

    [Fact]
    public void TheDefaultScopeIsTodaysHanoiUnchanged()
    {
        var before = SeedData.LoadUnits(RepoSeed.Directory);
        var scoped = SeedData.LoadUnits(RepoSeed.Directory, DeploymentScope.Parse(""));

        scoped.Head.Should().Be(before.City);
        scoped.IsNational.Should().BeFalse();
        scoped.Wards.Should().Equal(before.Wards);
        scoped.Agencies.Should().Equal(before.Agencies);
    }

    [Fact]
    public void AHaiPhongDeploymentWatchesHaiPhongsCommunesOnly()
    {
        var units = SeedData.LoadUnits(RepoSeed.Directory, DeploymentScope.Parse("31"));

        units.City.Should().Be(new Unit("31", "Thành phố Hải Phòng", "Hai Phong City", "thành phố", UnitLevel.City));
        units.Wards.Should().HaveCount(114);
        units.Agencies.Should().BeEmpty();
        units.TryGetWard("11446", out var phuLien).Should().BeTrue();
        phuLien.Should().Be(new Unit("11446", "Phường Phù Liễn", "Phu Lien Ward", "phường", UnitLevel.Ward));
        units.IsWard("00082").Should().BeFalse("Cửa Nam is in Hanoi");
        units.CityContributors.Should().HaveCount(115).And.Contain(new UnitKey(UnitLevel.Direct, "31"));
        units.RollsUpTo(phuLien.Key).Should().Equal(new UnitKey(UnitLevel.City, "31"));
    }

    [Theory]
    [InlineData("01", "01")]
    [InlineData(" 31 ", "31")]
    [InlineData("country", null)]
    [InlineData("VN", null)]
    public void TheScopeSettingTakesAProvinceCodeOrCountry(string text, string? province)
    {
        DeploymentScope.Parse(text).Province.Should().Be(province);
    }

    [Theory]
    [InlineData("Hai Phong")]
    [InlineData("311")]
    public void ABadScopeSettingNamesTheSettingAndWhatItTakes(string text)
    {
        var act = () => DeploymentScope.Parse(text);

        act.Should().Throw<ArgumentException>().WithMessage($"Ioc:Province '{text}' is neither a two-digit province code*nor 'country'.");
    }

    [Fact]
    public void AProvinceCodeNotInTheListStopsTheStartNamingTheFile()
    {
        var act = () => SeedData.LoadUnits(RepoSeed.Directory, DeploymentScope.Parse("99"));

        act.Should().Throw<InvalidDataException>().WithMessage("Ioc:Province '99': no province with that code in country/provinces.csv.");
    }

    [Fact]
    public void AProvinceWithoutTargetsOfItsOwnGetsTheNationalOnes()
    {
        var units = SeedData.LoadUnits(RepoSeed.Directory, DeploymentScope.Parse("31"));

        var targets = SeedData.LoadTargets(RepoSeed.Directory, units);

        var ward = new UnitKey(UnitLevel.Ward, "11446");
        targets.Find("dossier.digitalPlatformRate", ward)!.Value.Should().Be(100);
        targets.Find("dossier.fullProcessOnlineRate", ward)!.Value.Should().Be(100);
        targets.Find("satisfaction.rate", ward)!.Value.Should().Be(95);
        targets.Find("satisfaction.rate", units.City.Key)!.SourceVi.Should().StartWith("Chỉ tiêu quốc gia");
        targets.Find("hotline.answerRate", ward).Should().BeNull("the national list sets no hotline target");
    }

    [Fact]
    public void HanoiKeepsItsOwnTargets()
    {
        var before = SeedData.LoadTargets(RepoSeed.Directory, SeedData.LoadUnits(RepoSeed.Directory));
        var units = SeedData.LoadUnits(RepoSeed.Directory, DeploymentScope.Hanoi);

        var targets = SeedData.LoadTargets(RepoSeed.Directory, units);

        targets.All.Should().BeEquivalentTo(before.All);
    }

    [Fact]
    public void AProvincesOwnTargetWinsOverTheNationalOneInEveryScope()
    {
        var dir = CopySeed();
        Directory.CreateDirectory(Path.Combine(dir, "provinces", "31"));
        File.WriteAllText(Path.Combine(dir, "provinces", "31", "targets.csv"),
            "kpi,level,unit,direction,value,period\nsatisfaction.rate,ward,,>=,90,year\n");

        var province = SeedData.LoadUnits(dir, DeploymentScope.Parse("31"));
        var country = SeedData.LoadUnits(dir, DeploymentScope.Country);
        var inProvince = SeedData.LoadTargets(dir, province);
        var inCountry = SeedData.LoadTargets(dir, country);

        var phuLien = new UnitKey(UnitLevel.Ward, "11446");
        var giaLaiAnLao = new UnitKey(UnitLevel.Ward, "21609");
        inProvince.Find("satisfaction.rate", phuLien)!.Value.Should().Be(90);
        inCountry.Find("satisfaction.rate", phuLien)!.Value.Should().Be(90);
        inCountry.Find("satisfaction.rate", giaLaiAnLao)!.Value.Should().Be(95);
        inCountry.Find("satisfaction.rate", new UnitKey(UnitLevel.Country, "VN"))!.Value.Should().Be(95);
    }

    [Fact]
    public void ADuplicateCommuneCodeIsReportedWithFileLineAndField()
    {
        var dir = CopySeed();
        var path = Path.Combine(dir, "country", "communes.csv");
        var lines = File.ReadAllLines(path);
        lines[3] = lines[2];
        File.WriteAllLines(path, lines);

        var act = () => SeedData.LoadUnits(dir, DeploymentScope.Country);

        act.Should().Throw<InvalidDataException>().WithMessage("country/communes.csv line 4, field 'code': duplicate commune code '00082'.");
    }

    [Fact]
    public void AProvinceMissingACommuneIsReportedWithItsCount()
    {
        var dir = CopySeed();
        var path = Path.Combine(dir, "country", "communes.csv");
        File.WriteAllLines(path, File.ReadAllLines(path).Where(l => !l.StartsWith("11446,", StringComparison.Ordinal)));

        var act = () => SeedData.LoadUnits(dir, DeploymentScope.Parse("31"));

        act.Should().Throw<InvalidDataException>().WithMessage("country/provinces.csv line *, field 'communes': Thành phố Hải Phòng has 114 communes here but 113 in country/communes.csv.");
    }

    private string CopySeed()
    {
        foreach (var file in Directory.GetFiles(RepoSeed.Directory, "*.csv", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_folder.Path, Path.GetRelativePath(RepoSeed.Directory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return _folder.Path;
    }
}
