namespace IOC.Dashboards.Models;

/// <summary>
/// The views a kiosk rotates through: the city, the alerts while any fire (right after the city, so a duty officer
/// sees them within one turn), the wards, the agencies (when the province entered any), the hotline.
/// </summary>
public static class KioskViews
{
    public const string City = "city";
    public const string Alerts = "alerts";

    public static IReadOnlyList<string> For(bool hasAgencies, bool anyFiring) =>
    [
        City,
        .. anyFiring ? [Alerts] : Array.Empty<string>(),
        "wards",
        .. hasAgencies ? ["agencies"] : Array.Empty<string>(),
        "hotline",
    ];

    /// <summary>
    /// The view after <paramref name="current"/>. Rotation goes by name, not position, so alerts starting or ending do
    /// not make it skip or repeat a view; a view no longer in the list (the alerts ended) hands over to the one after it.
    /// </summary>
    public static string Next(IReadOnlyList<string> views, string current)
    {
        var at = IndexOf(views, current);
        if (at >= 0)
        {
            return views[(at + 1) % views.Count];
        }

        // Only the alerts view comes and goes, and it sits right after the city.
        return current == Alerts ? views[(IndexOf(views, City) + 1) % views.Count] : views[0];
    }

    public static int IndexOf(IReadOnlyList<string> views, string view)
    {
        for (var i = 0; i < views.Count; i++)
        {
            if (views[i] == view)
            {
                return i;
            }
        }

        return -1;
    }
}
