using Microsoft.AspNetCore.Identity;

namespace IOC.Access.Store;

/// <summary>A person's account: Identity's user with IOC's unit limits and the first-password rule.</summary>
public sealed class IocUser : IdentityUser
{
    /// <summary>Unit codes the account is limited to, comma-separated; empty: every unit.</summary>
    public string Units { get; set; } = "";

    /// <summary>Set for a generated or admin-set password: the person must choose their own before anything else.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>"Nguyễn Văn A", shown on pages and in the audit log beside the user name.</summary>
    public string DisplayName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }

    public IReadOnlyList<string> UnitList => UnitCodes.Parse(Units);
}

public static class UnitCodes
{
    public static IReadOnlyList<string> Parse(string? codes) =>
        [.. (codes ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];

    public static string Join(IEnumerable<string> codes) => string.Join(",", codes.Distinct(StringComparer.Ordinal));
}
