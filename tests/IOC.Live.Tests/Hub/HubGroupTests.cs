using IOC.Live.Hub;
using IOC.Tests.Shared;

namespace IOC.Live.Tests.Hub;

public class HubGroupTests
{
    [Theory]
    [InlineData("city", HubGroupKind.City)]
    [InlineData("wards", HubGroupKind.Wards)]
    [InlineData("ward:00082", HubGroupKind.Ward)]
    [InlineData("agency:TTPVHCC", HubGroupKind.Agency)]
    public void KnownGroupsParseToTheirKindAndKeepTheirName(string name, HubGroupKind kind)
    {
        var parsed = HubGroup.TryParse(name, Seed.Units, out var group, out var error);

        parsed.Should().BeTrue(error);
        group!.Kind.Should().Be(kind);
        group.Name.Should().Be(name);
    }

    [Theory]
    [InlineData("City")]
    [InlineData("ward:")]
    [InlineData("ward:00082 ")]
    [InlineData("agency:ttpvhcc")]
    [InlineData("units")]
    [InlineData(null)]
    public void AnythingElseIsRefusedWithAReasonThatNamesIt(string? name)
    {
        var parsed = HubGroup.TryParse(name, Seed.Units, out var group, out var error);

        parsed.Should().BeFalse();
        group.Should().BeNull();
        error.Should().Contain(name is null ? "empty" : $"'{name}'");
    }

    [Fact]
    public void AUnitKeyMapsToTheGroupThatShowsIt()
    {
        var ward = Seed.Units.Wards[0];

        HubGroup.NameOf(ward.Key).Should().Be(HubGroup.For(ward).Name).And.Be("ward:" + ward.Code);
        HubGroup.NameOf(Seed.Units.City.Key).Should().Be("city");
    }
}

/// <summary>The groups of a Hải Phòng deployment and of a national one: <c>city</c> keeps meaning the deployment's head.</summary>
public class ProvinceHubGroupTests
{
    private static readonly Lazy<IOC.Domain.Units.UnitCatalog> HaiPhong =
        new(() => IOC.Domain.Seed.SeedData.LoadUnits(Seed.Directory, IOC.Domain.Units.DeploymentScope.Parse("31")));

    private static readonly Lazy<IOC.Domain.Units.UnitCatalog> Country =
        new(() => IOC.Domain.Seed.SeedData.LoadUnits(Seed.Directory, IOC.Domain.Units.DeploymentScope.Country));

    [Fact]
    public void InAProvinceDeploymentCityAndProvinceCodeShowTheSameProvince()
    {
        HubGroup.TryParse("city", HaiPhong.Value, out var city, out _).Should().BeTrue();
        HubGroup.TryParse("province:31", HaiPhong.Value, out var province, out var error).Should().BeTrue(error);

        city!.Unit!.Code.Should().Be("31");
        province!.Kind.Should().Be(HubGroupKind.Province);
        province.Unit.Should().Be(city.Unit);
    }

    [Theory]
    [InlineData("country", "this deployment watches one province (Thành phố Hải Phòng)")]
    [InlineData("province:01", "no province in this deployment has code '01'")]
    [InlineData("ward:00082", "'ward:00082'")]
    public void AProvinceDeploymentRefusesOtherPlacesSayingWhy(string name, string reason)
    {
        HubGroup.TryParse(name, HaiPhong.Value, out var group, out var error).Should().BeFalse();

        group.Should().BeNull();
        error.Should().Contain(reason);
    }

    [Fact]
    public void NationallyCityIsTheCountryAndEveryProvinceHasItsGroup()
    {
        HubGroup.TryParse("city", Country.Value, out var city, out _).Should().BeTrue();
        HubGroup.TryParse("country", Country.Value, out var country, out _).Should().BeTrue();
        HubGroup.TryParse("province:52", Country.Value, out var giaLai, out _).Should().BeTrue();
        HubGroup.TryParse("ward:21609", Country.Value, out var anLao, out _).Should().BeTrue();

        city!.Unit!.Key.Should().Be(new IOC.Domain.Units.UnitKey(IOC.Domain.Units.UnitLevel.Country, "VN"));
        country!.Unit.Should().Be(city.Unit);
        giaLai!.Unit!.Name.Should().Be("Tỉnh Gia Lai");
        anLao!.Unit!.Name.Should().Be("Xã An Lão");
    }

    [Fact]
    public void AChangeOfTheHeadMovesEveryGroupThatShowsIt()
    {
        var coalescer = new UpdateCoalescer(_ => new object(), TimeProvider.System, TimeSpan.Zero);
        HubGroup.TryParse("city", HaiPhong.Value, out var city, out _);
        HubGroup.TryParse("province:31", HaiPhong.Value, out var province, out _);
        coalescer.Follow(city!);
        coalescer.Follow(province!);

        coalescer.NextDue.Should().BeNull();

        coalescer.MarkChanged([new IOC.Domain.Units.UnitKey(IOC.Domain.Units.UnitLevel.City, "31")]);
        coalescer.Forget("city");

        coalescer.NextDue.Should().NotBeNull("'province:31' shows the changed province too and waits to push");
    }
}
