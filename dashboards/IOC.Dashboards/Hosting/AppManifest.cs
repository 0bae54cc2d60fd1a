using System.Text.Json.Nodes;
using IOC.Domain.Units;

namespace IOC.Dashboards.Hosting;

/// <summary>
/// The installable web app's manifest (docs/wallboard.md, "On a phone"), served at /app.webmanifest rather than as a
/// static file so that it names the deployment's province ("IOC Hải Phòng") or the country, not Hanoi.
/// </summary>
public static class AppManifest
{
    public const string Path = "/app.webmanifest";

    public const string ContentType = "application/manifest+json";

    public static string Json(Unit head)
    {
        var place = PlaceNames.Short(head, english: false);
        var manifest = new JsonObject
        {
            ["name"] = $"IOC — Trung tâm điều hành thông minh {place}",
            ["short_name"] = $"IOC {place}",
            ["description"] = $"Số liệu trực tiếp về phục vụ người dân của {place}: hồ sơ, tổng đài, mức độ hài lòng, so với chỉ tiêu.",
            ["lang"] = "vi",
            ["dir"] = "ltr",
            ["id"] = "/",
            ["start_url"] = "/",
            ["scope"] = "/",
            ["display"] = "standalone",
            ["orientation"] = "any",
            ["background_color"] = "#f4f6f9",
            ["theme_color"] = "#0b5cab",
            ["icons"] = new JsonArray(
                Icon("icons/icon-192.png", "192x192", "image/png", "any"),
                Icon("icons/icon-512.png", "512x512", "image/png", "any"),
                Icon("icons/maskable-512.png", "512x512", "image/png", "maskable"),
                Icon("icons/ioc.svg", "any", "image/svg+xml", "any")),
        };
        return manifest.ToJsonString();
    }

    private static JsonObject Icon(string file, string sizes, string type, string purpose) => new()
    {
        ["src"] = "/_content/IOC.Dashboards/" + file,
        ["sizes"] = sizes,
        ["type"] = type,
        ["purpose"] = purpose,
    };
}
