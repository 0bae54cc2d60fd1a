using IOC.Access.Authorization;
using IOC.Dashboards.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace IOC.Dashboards.Pages;

/// <summary>The agency drill-down: <c>/agencies/VPUBND</c>; the same page as a ward's, with the groups that apply.</summary>
[Route("/agencies/{Code}")]
[Authorize(Policy = AccessPolicies.Analyst)]
public sealed class Agency : UnitPage
{
    protected override DrillDown Kind => DrillDown.Agency;
}
