using System.Globalization;
using IOC.Access.Authorization;
using IOC.Dashboards.Localization;
using IOC.Domain.Events;
using IOC.Domain.Time;
using IOC.Domain.Units;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;

namespace IOC.Dashboards.Pages.Admin;

/// <summary>
/// What the admin pages share: plain forms (no circuit; each post carries its anti-forgery token), admins only, the
/// checks of what is typed (each failure names the field), and a secret shown once after it is made.
/// </summary>
[Authorize(Policy = AccessPolicies.Admin)]
[ExcludeFromInteractiveRouting]
public abstract class AdminPage : ComponentBase
{
    [CascadingParameter] public required HttpContext HttpContext { get; set; }

    [CascadingParameter] public required Ui Ui { get; set; }

    [Inject] public required UnitCatalog Units { get; set; }

    [Inject] public required TimeProvider Time { get; set; }

    /// <summary>A key, token, code or password just made: shown on this answer only.</summary>
    protected string? Secret { get; set; }

    protected string? SecretLabel { get; set; }

    protected string? SecretLink { get; set; }

    protected string? Error { get; set; }

    protected string? Done { get; set; }

    protected string? Address => HttpContext.Connection.RemoteIpAddress?.ToString();

    /// <summary>Unit codes as typed ("00082, VPTU"), or an error naming the code that is not a ward or agency.</summary>
    protected IReadOnlyList<string>? ParseUnits(string? text)
    {
        var codes = IOC.Access.Store.UnitCodes.Parse(text);
        if (codes.FirstOrDefault(c => !Units.IsWard(c) && !Units.IsAgency(c)) is { } bad)
        {
            Error = $"{Ui["admin.units.short"]}: '{bad}' — {(Ui.IsEnglish ? "not a ward or agency code" : "không phải mã phường, xã hay cơ quan")}";
            return null;
        }

        return codes;
    }

    protected IReadOnlyList<string>? ParseEventTypes(string? text)
    {
        var types = IOC.Access.Store.UnitCodes.Parse(text);
        if (types.FirstOrDefault(t => !WireNames.EventTypes.ContainsKey(t)) is { } bad)
        {
            Error = $"{Ui["admin.types"]}: '{bad}' — {string.Join(", ", WireNames.EventTypes.Keys)}";
            return null;
        }

        return types;
    }

    /// <summary>A date typed as yyyy-MM-dd: the end of that day in Hanoi; empty: never.</summary>
    protected (bool Ok, DateTimeOffset? At) ParseExpiry(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (true, null);
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var end = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), VietnamTime.Offset);
            if (end > Time.GetUtcNow())
            {
                return (true, end);
            }
        }

        Error = $"{Ui["admin.expires.short"]}: '{text}' — {(Ui.IsEnglish ? "a future date as yyyy-mm-dd" : "một ngày sắp tới dạng yyyy-mm-dd")}";
        return (false, null);
    }

    protected string When(DateTimeOffset? at) => at is { } t ? Ui.DateTime(VietnamTime.ToLocal(t)) : Ui["admin.never"];

    protected string List(IReadOnlyList<string> items) => items.Count == 0 ? Ui["admin.all"] : string.Join(", ", items);
}
