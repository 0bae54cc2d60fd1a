using System.Text;
using IOC.Domain.Seed;
using IOC.Domain.Units;
using IOC.Tests.Shared;
using RepoSeed = IOC.Tests.Shared.Seed;

namespace IOC.Domain.Tests.Seed;

/// <summary>The repository's seed-data, and how a broken copy of it is reported (each test edits its own temp copy).</summary>
public sealed class SeedDataTests : IDisposable
{
    private readonly TempFolder _folder = new("ioc-seed-");
    private readonly string _dir;

    public SeedDataTests()
    {
        _dir = _folder.Path;
        foreach (var file in Directory.GetFiles(RepoSeed.Directory, "*.csv"))
        {
            File.Copy(file, Path.Combine(_dir, Path.GetFileName(file)));
        }
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void LoadsTheCityAnd126WardsWithFiveDigitCodes()
    {
        var units = SeedData.LoadUnits(RepoSeed.Directory);

        units.City.Should().Be(new Unit("01", "Thành phố Hà Nội", "Hanoi", "thành phố", UnitLevel.City));
        units.Wards.Should().HaveCount(126);
        units.Wards.Should().OnlyContain(w => w.Code.Length == 5 && w.Code.All(char.IsAsciiDigit) && w.Level == UnitLevel.Ward);
        units.Wards.Select(w => w.Code).Should().OnlyHaveUniqueItems();
        units.Wards.Count(w => w.Type == "phường").Should().Be(51);
        units.Wards.Count(w => w.Type == "xã").Should().Be(75);
    }

    [Fact]
    public void AgenciesCarryShortNamesForTilesAndWardsFallBackToTheirName()
    {
        var units = SeedData.LoadUnits(RepoSeed.Directory);

        units.TryGetAgency("VPDDBQH-HDND", out var council).Should().BeTrue();
        council.ShortName.Should().Be("Văn phòng Đoàn ĐBQH và HĐND");
        council.ShortNameEn.Should().Be("NA Delegation & Council Office");
        units.TryGetWard("00082", out var cuaNam).Should().BeTrue();
        cuaNam.ShortName.Should().Be(cuaNam.Name);
    }

    [Fact]
    public void KeepsWardNamesWithTheirDiacritics()
    {
        var units = SeedData.LoadUnits(RepoSeed.Directory);

        var found = units.TryGetWard("00082", out var cuaNam);

        found.Should().BeTrue();
        cuaNam.Should().Be(new Unit("00082", "Phường Cửa Nam", "Cua Nam Ward", "phường", UnitLevel.Ward));
        units.All.Should().OnlyContain(u => u.Name.IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public void LoadsTheFourAgenciesOfTheCompetitionAgreement()
    {
        var units = SeedData.LoadUnits(RepoSeed.Directory);

        units.Agencies.Select(a => (a.Code, a.Name)).Should().Equal(
            ("VPTU", "Văn phòng Thành ủy Hà Nội"),
            ("VPDDBQH-HDND", "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân thành phố Hà Nội"),
            ("VPUBND", "Văn phòng Ủy ban nhân dân thành phố Hà Nội"),
            ("TTPVHCC", "Trung tâm Phục vụ hành chính công thành phố Hà Nội"));
        units.Agencies.Should().OnlyContain(a => a.Level == UnitLevel.Agency && a.Type == "cơ quan");
        units.IsAgency("VPTU").Should().BeTrue();
        units.IsWard("VPTU").Should().BeFalse();
    }

    [Fact]
    public void LoadsEveryTargetRowWithItsDirectionAndSource()
    {
        var units = SeedData.LoadUnits(RepoSeed.Directory);

        var targets = SeedData.LoadTargets(RepoSeed.Directory, units);

        targets.All.Should().HaveCount(30);
        var centre = targets.All.Single(t => t.Kpi == "satisfaction.rate" && t.UnitCode == "TTPVHCC");
        centre.Level.Should().Be(UnitLevel.Agency);
        centre.Value.Should().Be(95);
        centre.DirectionSymbol.Should().Be(">=");
        centre.SourceEn.Should().Be("Citizen and business satisfaction above 95%");
        centre.SourceVi.Should().Be("Mức độ hài lòng của người dân, doanh nghiệp trên 95%");
    }

    [Fact]
    public void LoadsTheSixCommitmentsOfTheCompetitionAgreement()
    {
        var units = SeedData.LoadUnits(RepoSeed.Directory);

        var commitments = SeedData.LoadCommitments(RepoSeed.Directory, units);

        commitments.Select(c => (c.Agency, c.Kpi)).Should().BeEquivalentTo(new[]
        {
            ("VPTU", "document.digitalRate"),
            ("VPDDBQH-HDND", "document.digitalRate"),
            ("VPUBND", "document.digitalRate"),
            ("TTPVHCC", "dossier.fullProcessOnlineRate"),
            ("TTPVHCC", "dossier.digitalPlatformRate"),
            ("TTPVHCC", "satisfaction.rate"),
        });
        var online = commitments.Single(c => c.Kpi == "dossier.fullProcessOnlineRate");
        online.Value.Should().Be(100);
        online.Direction.Should().Be(IOC.Domain.Targets.TargetDirection.AtLeast);
        online.ItemVi.Should().Be("hồ sơ trực tuyến toàn trình");
        online.WordingEn.Should().Contain("full-process");
    }

    [Theory]
    [InlineData("VPXX,document.digitalRate,>=,100,year,a,b,c,d", "agency", "no agency with code 'VPXX'")]
    [InlineData("VPTU,document.nope,>=,100,year,a,b,c,d", "kpi", "unknown KPI id 'document.nope'")]
    [InlineData("VPTU,document.digitalRate,=,100,year,a,b,c,d", "direction", "must be '>=' or '<='")]
    [InlineData("VPTU,document.digitalRate,>=,all,year,a,b,c,d", "value", "must be a number")]
    [InlineData("VPTU,document.digitalRate,>=,100,year,,b,c,d", "wording_vi", "is empty")]
    public void ABadCommitmentRowIsReportedWithFileLineAndField(string row, string field, string reason)
    {
        ReplaceLine("commitments.csv", 2, row);
        var units = SeedData.LoadUnits(_dir);

        var act = () => SeedData.LoadCommitments(_dir, units);

        act.Should().Throw<InvalidDataException>().WithMessage($"commitments.csv line 2, field '{field}': {reason}.");
    }

    [Fact]
    public void ASecondCommitmentOnTheSameKpiIsReportedWhereItIs()
    {
        ReplaceLine("commitments.csv", 3, "VPTU,document.digitalRate,>=,100,year,a,b,c,d");
        var units = SeedData.LoadUnits(_dir);

        var act = () => SeedData.LoadCommitments(_dir, units);

        act.Should().Throw<InvalidDataException>()
            .WithMessage("commitments.csv line 3, field 'kpi': agency 'VPTU' already has a commitment on 'document.digitalRate'.");
    }

    [Fact]
    public void ABadWardCodeIsReportedWithFileLineAndField()
    {
        ReplaceLine("units.csv", 4, "0082,Phường Cửa Nam,Cua Nam Ward,phường,ward,");

        var act = () => SeedData.LoadUnits(_dir);

        act.Should().Throw<InvalidDataException>().WithMessage("units.csv line 4, field 'code': a ward code has 5 digits.");
    }

    [Fact]
    public void AnUnknownLevelIsReportedWithFileLineAndField()
    {
        ReplaceLine("units.csv", 3, "00070,Phường Hoàn Kiếm,Hoan Kiem Ward,phường,district,");

        var act = () => SeedData.LoadUnits(_dir);

        act.Should().Throw<InvalidDataException>().WithMessage("units.csv line 3, field 'level': *");
    }

    [Fact]
    public void AnEmptyRequiredFieldIsReportedWithFileLineAndField()
    {
        ReplaceLine("units.csv", 5, "00004,,Ba Dinh Ward,phường,ward,");

        var act = () => SeedData.LoadUnits(_dir);

        act.Should().Throw<InvalidDataException>().WithMessage("units.csv line 5, field 'name': is empty.");
    }

    [Fact]
    public void ASecondCityRowIsReported()
    {
        ReplaceLine("units.csv", 3, "02,Thành phố khác,Other,thành phố,city,");

        var act = () => SeedData.LoadUnits(_dir);

        act.Should().Throw<InvalidDataException>().WithMessage("units.csv line 3, field 'level': only one city row is allowed.");
    }

    [Fact]
    public void ADuplicateWardCodeIsReportedWithFileLineAndField()
    {
        ReplaceLine("units.csv", 5, "00082,Phường Cửa Nam,Cua Nam Ward,phường,ward,");

        var act = () => SeedData.LoadUnits(_dir);

        act.Should().Throw<InvalidDataException>().WithMessage("units.csv line 5, field 'code': *00082*");
    }

    [Fact]
    public void ADuplicateAgencyCodeIsReportedWithFileLineAndField()
    {
        ReplaceLine("agencies.csv", 4, "VPTU,Văn phòng khác,Other office,Văn phòng khác,Other,cơ quan");

        var act = () => SeedData.LoadUnits(_dir);

        act.Should().Throw<InvalidDataException>().WithMessage("agencies.csv line 4, field 'code': *VPTU*");
    }

    [Fact]
    public void TheLineNumberCountsBlankLinesInTheFile()
    {
        // Line 4 is left blank by a hand edit; the bad row below it is on line 6 of the file.
        var lines = ReadLines("units.csv");
        lines.Insert(3, "");
        lines[5] = "4,Phường Ba Đình,Ba Dinh Ward,phường,ward,";
        File.WriteAllText(Path.Combine(_dir, "units.csv"), string.Join('\n', lines));

        var act = () => SeedData.LoadUnits(_dir);

        act.Should().Throw<InvalidDataException>().WithMessage("units.csv line 6, field 'code': *");
    }

    [Fact]
    public void TheLineNumberCountsLineBreaksInsideQuotedFields()
    {
        // A quoted former_district on line 3 spans two lines, so 00082 is on line 5 and the bad row on line 6.
        var lines = ReadLines("units.csv");
        lines[2] = "00070,Phường Hoàn Kiếm,Hoan Kiem Ward,phường,ward,\"Quận Hoàn Kiếm;\nQuận Ba Đình\"";
        lines[3] = "00082,Phường Cửa Nam,Cua Nam Ward,phường,ward,";
        lines[4] = "00004,Phường Ba Đình,Ba Dinh Ward,phường,commune,";
        File.WriteAllText(Path.Combine(_dir, "units.csv"), string.Join('\n', lines));

        var act = () => SeedData.LoadUnits(_dir);

        act.Should().Throw<InvalidDataException>().WithMessage("units.csv line 6, field 'level': *");
    }

    [Fact]
    public void AMissingColumnIsReportedWithFileAndColumn()
    {
        ReplaceLine("units.csv", 1, "code,name,type,level,former_district");

        var act = () => SeedData.LoadUnits(_dir);

        act.Should().Throw<InvalidDataException>().WithMessage("units.csv: missing column 'name_en'.");
    }

    [Fact]
    public void AnAgencyWithoutANameIsReportedWithFileLineAndField()
    {
        ReplaceLine("agencies.csv", 3, "VPDDBQH-HDND,,Office,Văn phòng Đoàn ĐBQH và HĐND,Council Office,cơ quan");

        var act = () => SeedData.LoadUnits(_dir);

        act.Should().Throw<InvalidDataException>().WithMessage("agencies.csv line 3, field 'name': is empty.");
    }

    [Theory]
    [InlineData("dossier.nope,ward,,>=,60,year,,", "kpi", "unknown KPI id 'dossier.nope'")]
    [InlineData("dossier.onlineRate,district,,>=,60,year,,", "level", "must be 'city', 'ward' or 'agency'")]
    [InlineData("dossier.onlineRate,ward,99999,>=,60,year,,", "unit", "no ward with code '99999'")]
    [InlineData("dossier.onlineRate,agency,00082,>=,60,year,,", "unit", "no agency with code '00082'")]
    [InlineData("dossier.onlineRate,ward,00082,>,60,year,,", "direction", "must be '>=' or '<='")]
    [InlineData("dossier.onlineRate,ward,00082,>=,sixty,year,,", "value", "must be a number")]
    [InlineData("dossier.onlineRate,ward,00082,>=,60,,,", "period", "is empty")]
    public void ABadTargetRowIsReportedWithFileLineAndField(string row, string field, string reason)
    {
        ReplaceLine("targets.csv", 5, row);
        var units = SeedData.LoadUnits(_dir);

        var act = () => SeedData.LoadTargets(_dir, units);

        act.Should().Throw<InvalidDataException>().WithMessage($"targets.csv line 5, field '{field}': {reason}.");
    }

    [Fact]
    public void ATargetValueIsReadWithAnInvariantDecimalPoint()
    {
        ReplaceLine("targets.csv", 6, "dossier.onlineRate,ward,00082,>=,62.5,year,,");
        var units = SeedData.LoadUnits(_dir);

        var targets = SeedData.LoadTargets(_dir, units);

        targets.Find("dossier.onlineRate", new UnitKey(UnitLevel.Ward, "00082"))!.Value.Should().Be(62.5);
        targets.Find("dossier.onlineRate", new UnitKey(UnitLevel.Ward, "00070"))!.Value.Should().Be(60);
    }

    [Fact]
    public void LocateUsesAConfiguredFolderAndRefusesAMissingOne()
    {
        var missing = Path.Combine(_dir, "nowhere");

        var found = SeedData.Locate(_dir);
        var act = () => SeedData.Locate(missing);

        found.Should().Be(_dir);
        act.Should().Throw<DirectoryNotFoundException>().WithMessage($"*{missing}*");
    }

    [Fact]
    public void LocateFindsTheRepositorysSeedDataFromTheTestFolder()
    {
        var found = SeedData.Locate();

        Path.GetFileName(found).Should().Be("seed-data");
        File.Exists(Path.Combine(found, "units.csv")).Should().BeTrue();
    }

    private List<string> ReadLines(string file) =>
        File.ReadAllText(Path.Combine(_dir, file)).Split('\n').ToList();

    private void ReplaceLine(string file, int lineNumber, string text)
    {
        var lines = ReadLines(file);
        lines[lineNumber - 1] = text;
        File.WriteAllText(Path.Combine(_dir, file), string.Join('\n', lines));
    }
}
