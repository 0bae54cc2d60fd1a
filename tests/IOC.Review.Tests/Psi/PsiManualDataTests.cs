using IOC.Domain.Units;
using IOC.Review.Periods;
using IOC.Review.Psi;
using IOC.Tests.Shared;

namespace IOC.Review.Tests.Psi;

/// <summary>seed-data/psi-manual.csv: each test writes its own copy; every rule names the file, line and field.</summary>
public sealed class PsiManualDataTests : IDisposable
{
    private const string Header = "unit,group,points,period,source";

    private readonly TempFolder _folder = new("ioc-psi-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void TheShippedFileHasTheHeaderAndNoInventedRows()
    {
        var lines = File.ReadAllLines(Path.Combine(Seed.Directory, PsiManualData.FileName)).Where(l => l.Length > 0).ToList();

        lines.Should().Equal(Header);
        PsiManualData.Load(Seed.Directory, Seed.Units).Entries.Should().BeEmpty();
    }

    [Fact]
    public void AWardAndAnAgencyRowLoadAndApplyToPeriodsOfTheirYear()
    {
        var data = Load(
            "00082,transparency,15.5,2026,Kết quả SIPAS 2026",
            "TTPVHCC,transparency,17,2026,Bộ Nội vụ");

        var ward = new UnitKey(UnitLevel.Ward, "00082");
        data.Entries.Should().HaveCount(2);
        data.For(ward, ReviewPeriod.Month(2026, 11))!.Should().Equal(new Dictionary<PsiGroup, double> { [PsiGroup.Transparency] = 15.5 });
        data.For(new UnitKey(UnitLevel.Agency, "TTPVHCC"), ReviewPeriod.Year(2026))![PsiGroup.Transparency].Should().Be(17);
        data.For(ward, ReviewPeriod.Month(2025, 11)).Should().BeNull();
        data.For(new UnitKey(UnitLevel.Ward, "00070"), ReviewPeriod.Month(2026, 11)).Should().BeNull();
    }

    [Fact]
    public void ACustomPeriodAcrossANewYearTakesNeitherYearsFigure()
    {
        var data = Load("00082,transparency,15,2026,x", "00082,transparency,16,2027,x");

        var period = new ReviewPeriod(PeriodKind.Custom, new DateOnly(2026, 12, 15), new DateOnly(2027, 1, 15));

        data.For(new UnitKey(UnitLevel.Ward, "00082"), period).Should().BeNull();
    }

    [Fact]
    public void NoFileMeansNoEntries()
    {
        PsiManualData.Load(_folder.Path, Seed.Units).Entries.Should().BeEmpty();
    }

    [Fact]
    public void AFedGroupIsRejectedBecauseTheFeedsMeasureIt()
    {
        var act = () => Load("00082,transparency,15,2026,x", "00082,progress,18,2026,x");

        act.Should().Throw<InvalidDataException>().WithMessage(
            "psi-manual.csv line 3, field 'group': 'progress' is measured from the feeds and cannot be entered by hand; only 'transparency' can.");
    }

    [Theory]
    [InlineData("digitization")]
    [InlineData("online_services")]
    [InlineData("satisfaction")]
    public void EveryFedGroupIsRejected(string group)
    {
        var act = () => Load($"00082,{group},10,2026,x");

        act.Should().Throw<InvalidDataException>().WithMessage($"psi-manual.csv line 2, field 'group': '{group}' is measured from the feeds*");
    }

    [Fact]
    public void AnUnknownGroupIsRejected()
    {
        var act = () => Load("00082,openness,10,2026,x");

        act.Should().Throw<InvalidDataException>().WithMessage("psi-manual.csv line 2, field 'group': unknown group 'openness'; only 'transparency' is entered by hand.");
    }

    [Fact]
    public void AnUnknownUnitIsRejected()
    {
        var act = () => Load("99999,transparency,10,2026,x");

        act.Should().Throw<InvalidDataException>().WithMessage("psi-manual.csv line 2, field 'unit': no ward or agency with code '99999'.");
    }

    [Theory]
    [InlineData("-0.5", "-0.5 is outside 0..18, the maximum of transparency")]
    [InlineData("18.01", "18.01 is outside 0..18, the maximum of transparency")]
    [InlineData("15,5", "'15,5' is not a number (a dot for decimals, e.g. 15.5)")]
    [InlineData("NaN", "'NaN' is not a number (a dot for decimals, e.g. 15.5)")]
    public void PointsMustBeANumberWithinTheGroupsMaximum(string points, string reason)
    {
        var act = () => Load($"00082,transparency,\"{points}\",2026,x");

        act.Should().Throw<InvalidDataException>().WithMessage($"psi-manual.csv line 2, field 'points': {reason}.");
    }

    [Fact]
    public void ZeroAndTheMaximumAreAllowed()
    {
        var data = Load("00082,transparency,0,2026,x", "00070,transparency,18,2026,x");

        data.Entries.Select(e => e.Points).Should().Equal(0, 18);
    }

    [Theory]
    [InlineData("2026-11")]
    [InlineData("26")]
    [InlineData("1999")]
    [InlineData("year")]
    public void ThePeriodMustBeAYear(string period)
    {
        var act = () => Load($"00082,transparency,10,{period},x");

        act.Should().Throw<InvalidDataException>().WithMessage($"psi-manual.csv line 2, field 'period': '{period}' is not a year (e.g. 2026).");
    }

    [Theory]
    [InlineData(",transparency,10,2026,x", "unit")]
    [InlineData("00082,transparency,10,2026,", "source")]
    [InlineData("00082,transparency, ,2026,x", "points")]
    public void AnEmptyFieldIsRejected(string row, string field)
    {
        var act = () => Load(row);

        act.Should().Throw<InvalidDataException>().WithMessage($"psi-manual.csv line 2, field '{field}': is empty.");
    }

    [Fact]
    public void AMissingColumnIsRejected()
    {
        File.WriteAllText(_folder.File(PsiManualData.FileName), "unit,group,points,period\n00082,transparency,10,2026\n");

        var act = () => PsiManualData.Load(_folder.Path, Seed.Units);

        act.Should().Throw<InvalidDataException>().WithMessage("psi-manual.csv: missing column 'source'.");
    }

    [Fact]
    public void TheSameUnitGroupAndYearTwiceIsRejected()
    {
        var act = () => Load("00082,transparency,10,2026,x", "", "00082,transparency,12,2026,y");

        act.Should().Throw<InvalidDataException>().WithMessage("psi-manual.csv line 4, field 'unit': '00082' already has transparency points for 2026.");
    }

    private PsiManualData Load(params string[] rows)
    {
        File.WriteAllLines(_folder.File(PsiManualData.FileName), [Header, .. rows]);
        return PsiManualData.Load(_folder.Path, Seed.Units);
    }
}
