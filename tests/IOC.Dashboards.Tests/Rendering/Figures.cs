using IOC.Live.KpiViews;

namespace IOC.Dashboards.Tests.Rendering;

/// <summary>KPI figures as the API would give them, for building component inputs by hand.</summary>
public static class Figures
{
    public static KpiFigure Rate(double? value, double numerator, long denominator, double? target = null, string direction = ">=", string status = "none") =>
        new(value, numerator, denominator, target, target is null ? null : direction, status);

    public static KpiFigure Count(double value, double? target = null, string direction = "<=", string status = "none") =>
        new(value, null, null, target, target is null ? null : direction, status);
}
