using IOC.Domain.Targets;
using IOC.Domain.Units;
using RepoSeed = IOC.Tests.Shared.Seed;

namespace IOC.Domain.Tests.Targets;

public sealed class TargetCatalogTests
{
    private static Target Make(UnitLevel level, string? unit, double value) =>
        new("dossier.onlineRate", level, unit, TargetDirection.AtLeast, value, "year", "", "");

    [Fact]
    public void AUnitsOwnTargetWinsOverItsLevels()
    {
        var catalog = new TargetCatalog([Make(UnitLevel.Ward, "00082", 70), Make(UnitLevel.Ward, null, 60)]);

        var own = catalog.Find("dossier.onlineRate", new UnitKey(UnitLevel.Ward, "00082"));
        var other = catalog.Find("dossier.onlineRate", new UnitKey(UnitLevel.Ward, "00070"));

        own!.Value.Should().Be(70);
        other!.Value.Should().Be(60);
    }

    [Fact]
    public void ALevelTargetDoesNotApplyToAnotherLevel()
    {
        var catalog = new TargetCatalog([Make(UnitLevel.Ward, null, 60)]);

        var agency = catalog.Find("dossier.onlineRate", new UnitKey(UnitLevel.Agency, "VPTU"));
        var city = catalog.Find("dossier.onlineRate", UnitKey.City);

        agency.Should().BeNull();
        city.Should().BeNull();
    }

    [Fact]
    public void ADuplicateTargetIsRefusedWithItsKpiAndUnit()
    {
        var act = () => new TargetCatalog([Make(UnitLevel.Ward, "00082", 70), Make(UnitLevel.Ward, "00082", 75)]);

        act.Should().Throw<InvalidDataException>().WithMessage("*dossier.onlineRate*ward*00082*");
    }

    [Fact]
    public void TheSeedServiceCenterTargetOverridesTheWardTargetOnlyForItself()
    {
        var targets = RepoSeed.Targets;

        var centre = targets.Find("dossier.fullProcessOnlineRate", new UnitKey(UnitLevel.Agency, "TTPVHCC"));
        var ward = targets.Find("dossier.fullProcessOnlineRate", new UnitKey(UnitLevel.Ward, "00082"));
        var partyOffice = targets.Find("dossier.fullProcessOnlineRate", new UnitKey(UnitLevel.Agency, "VPTU"));

        centre!.Value.Should().Be(100);
        ward!.Value.Should().Be(20);
        partyOffice.Should().BeNull();
    }

    [Fact]
    public void TheSeedDocumentTargetsBelongToTheThreeOffices()
    {
        var targets = RepoSeed.Targets;

        var offices = new[] { "VPTU", "VPDDBQH-HDND", "VPUBND", "TTPVHCC" }
            .Select(code => targets.Find("document.digitalRate", new UnitKey(UnitLevel.Agency, code))?.Value);

        offices.Should().Equal(100, 100, 100, null);
    }

    [Fact]
    public void TheSeedCityTargetsApplyToTheCity()
    {
        var target = RepoSeed.Targets.Find("hotline.serviceLevel", UnitKey.City);

        target!.Value.Should().Be(80);
        target.Direction.Should().Be(TargetDirection.AtLeast);
        target.Period.Should().Be("day");
    }
}
