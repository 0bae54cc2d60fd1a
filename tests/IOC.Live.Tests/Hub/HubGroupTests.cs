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
