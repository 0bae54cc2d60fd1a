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
}
