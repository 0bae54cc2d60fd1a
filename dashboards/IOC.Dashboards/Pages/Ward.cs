using IOC.Dashboards.Models;
using Microsoft.AspNetCore.Components;

namespace IOC.Dashboards.Pages;

/// <summary>The ward drill-down: <c>/wards/00082</c>.</summary>
[Route("/wards/{Code}")]
public sealed class Ward : UnitPage
{
    protected override DrillDown Kind => DrillDown.Ward;
}
