using IOC.Access.Authorization;
using IOC.Dashboards.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace IOC.Dashboards.Pages;

/// <summary>The ward drill-down: <c>/wards/00082</c>.</summary>
[Route("/wards/{Code}")]
[Authorize(Policy = AccessPolicies.Analyst)]
public sealed class Ward : UnitPage
{
    protected override DrillDown Kind => DrillDown.Ward;
}
