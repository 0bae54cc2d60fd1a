namespace IOC.Access.Roles;

/// <summary>
/// The five roles, each with everything of the one before it (issue 16): viewer (wallboard, kiosk) &lt; analyst (ward
/// and agency pages, history, exports, briefings) &lt; reviewer (competition review, PSI and their reports) &lt; duty
/// officer (acknowledging and silencing alerts) &lt; admin (accounts, devices, keys, tokens, audit log, operations).
/// </summary>
public static class AccessRoles
{
    public const string Viewer = "viewer";
    public const string Analyst = "analyst";
    public const string Reviewer = "reviewer";
    public const string Duty = "duty";
    public const string Admin = "admin";

    /// <summary>Lowest to highest.</summary>
    public static IReadOnlyList<string> All { get; } = [Viewer, Analyst, Reviewer, Duty, Admin];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);

    /// <summary>The role itself and every role above it: those that may do what <paramref name="role"/> may.</summary>
    public static string[] AtLeast(string role)
    {
        var index = All.ToList().IndexOf(role);
        return index < 0 ? throw new ArgumentException($"Unknown role '{role}'.", nameof(role)) : [.. All.Skip(index)];
    }

    /// <summary>Vietnamese and English names for pages and exports.</summary>
    public static (string Vi, string En) Names(string role) => role switch
    {
        Viewer => ("Người xem", "Viewer"),
        Analyst => ("Phân tích", "Analyst"),
        Reviewer => ("Đánh giá", "Reviewer"),
        Duty => ("Trực ban", "Duty officer"),
        Admin => ("Quản trị", "Admin"),
        _ => (role, role),
    };
}
