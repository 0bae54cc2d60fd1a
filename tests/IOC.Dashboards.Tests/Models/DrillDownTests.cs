using IOC.Dashboards.Models;
using IOC.Tests.Shared;

namespace IOC.Dashboards.Tests.Models;

public class DrillDownTests
{
    [Fact]
    public void TheAgencyDrillDownFindsAgenciesOnlyAndLinksToTheAgencyApi()
    {
        var agency = DrillDown.Agency.Find(Seed.Units, "VPUBND");

        agency!.NameEn.Should().Be("Hanoi People's Committee Office");
        DrillDown.Agency.Find(Seed.Units, "00082").Should().BeNull();
        DrillDown.Agency.PageLink("VPUBND").Should().Be("agencies/VPUBND");
        DrillDown.Agency.HistoryApi("VPUBND").Should().Be("api/v1/history/agencies/VPUBND");
        DrillDown.Agency.OpenDossiersApi("VPUBND").Should().Be("api/v1/open-dossiers/agencies/VPUBND");
    }

    [Fact]
    public void TheWardDrillDownKeepsItsPathsAndDoesNotFindAnAgency()
    {
        var ward = DrillDown.Ward.Find(Seed.Units, "00082");

        ward!.Name.Should().Contain("Cửa Nam");
        DrillDown.Ward.Find(Seed.Units, "VPUBND").Should().BeNull();
        DrillDown.Ward.PageLink("00082").Should().Be("wards/00082");
        DrillDown.Ward.HistoryApi("00082").Should().Be("api/v1/history/units/00082");
        DrillDown.Ward.OpenDossiersApi("00082").Should().Be("api/v1/open-dossiers/units/00082");
    }
}
