using IOC.Dashboards.Models;
using IOC.Tests.Shared;

namespace IOC.Dashboards.Tests.Models;

public class WardSearchTests
{
    [Theory]
    [InlineData("Cửa Nam", "cua nam")]
    [InlineData("Phường Đống Đa", "phuong dong da")]
    [InlineData("  Hoàn   Kiếm ", "hoan kiem")]
    [InlineData("ĐỨC GIANG", "duc giang")]
    public void FoldingDropsMarksLowersCaseAndMapsDToD(string text, string folded)
    {
        var result = WardSearch.Fold(text);

        result.Should().Be(folded);
    }

    [Theory]
    [InlineData("cua nam")]
    [InlineData("Cửa Nam")]
    [InlineData("CUA NAM")]
    [InlineData("cửa nam")]
    public void SearchWithOrWithoutDiacriticsFindsCuaNam(string query)
    {
        var matches = WardSearch.Find(Seed.Units.Wards, query);

        matches.Select(w => w.Code).Should().Contain("00082");
        matches[0].Code.Should().Be("00082");
    }

    [Fact]
    public void SearchWithoutTheStrokeOnDFindsWardsSpelledWithD()
    {
        var expected = Seed.Units.Wards.Where(w => w.Name.Contains("Đống Đa", StringComparison.Ordinal)).Select(w => w.Code).ToList();

        var matches = WardSearch.Find(Seed.Units.Wards, "dong da");

        expected.Should().NotBeEmpty();
        matches.Select(w => w.Code).Should().Contain(expected);
    }

    [Fact]
    public void AnEmptyQueryFindsNothingRatherThanEveryWard()
    {
        var matches = WardSearch.Find(Seed.Units.Wards, "   ");

        matches.Should().BeEmpty();
    }

    [Fact]
    public void EnterOpensTheOnlyMatch()
    {
        var ward = WardSearch.Single(Seed.Units.Wards, "cua nam");

        ward!.Code.Should().Be("00082");
    }

    [Fact]
    public void EnterOpensTheWardWhoseNameIsTypedInFullEvenWhenAnotherNameContainsIt()
    {
        WardSearch.Find(Seed.Units.Wards, "huong son", int.MaxValue).Should().HaveCountGreaterThan(1);

        var ward = WardSearch.Single(Seed.Units.Wards, "Hương Sơn");

        ward!.Code.Should().Be("10489");
    }

    [Theory]
    [InlineData("phuong")]
    [InlineData("zzz")]
    [InlineData("")]
    public void EnterOpensNothingWhenTheQueryNamesSeveralWardsOrNone(string query)
    {
        WardSearch.Single(Seed.Units.Wards, query).Should().BeNull();
    }

    [Theory]
    [InlineData("phu lien")]
    [InlineData("Phù Liễn")]
    [InlineData("PHU LIEN")]
    [InlineData("phuong phu lien")]
    public void AcrossTheCountryPhuLienFindsPhuongPhuLienInHaiPhong(string query)
    {
        var country = Country.Value;

        var matches = WardSearch.Find(country.Wards, query);

        matches[0].Code.Should().Be("11446");
        matches[0].Name.Should().Be("Phường Phù Liễn");
        country.ProvinceOf(matches[0].Key)!.Name.Should().Be("Thành phố Hải Phòng");
        WardSearch.Single(country.Wards, query)!.Code.Should().Be("11446");
    }

    [Fact]
    public void AcrossTheCountryAnLaoFindsBothCommunesOfThatNameWhichOnlyTheirProvinceTellsApart()
    {
        var country = Country.Value;

        var matches = WardSearch.Find(country.Wards, "an lao");

        matches.Take(2).Select(w => (w.Code, w.Name, country.ProvinceOf(w.Key)!.Name)).Should().Equal(
            ("11629", "Xã An Lão", "Thành phố Hải Phòng"),
            ("21609", "Xã An Lão", "Tỉnh Gia Lai"));
        WardSearch.Single(country.Wards, "an lao").Should().BeNull("Enter cannot choose between the two");
    }

    private static readonly Lazy<IOC.Domain.Units.UnitCatalog> Country =
        new(() => IOC.Domain.Seed.SeedData.LoadUnits(Seed.Directory, IOC.Domain.Units.DeploymentScope.Country));
}
