using Microsoft.AspNetCore.Http;

namespace IOC.Access;

/// <summary>Settings of section "Access" (docs/security.md lists each with its default).</summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    /// <summary>
    /// Development environment only: a request that carries no credentials is the "development viewer" (role viewer),
    /// so the README's run command shows the wallboard at once. Ignored in every other environment.
    /// </summary>
    public bool DevelopmentViewer { get; set; } = true;

    /// <summary>
    /// Development only: the development viewer's role (default viewer). The tests' real-process host
    /// (tests/Hosting/AppProcess.cs) sets admin so its pages and APIs open without a sign-in; never read elsewhere.
    /// </summary>
    public string DevelopmentViewerRole { get; set; } = Roles.AccessRoles.Viewer;

    /// <summary>Always (default): cookies are Secure. SameAsRequest: Secure only over HTTPS (plain-HTTP test hosts; Development uses it).</summary>
    public CookieSecurePolicy CookieSecurePolicy { get; set; } = CookieSecurePolicy.Always;

    /// <summary>A person's session ends after this long without a request (sliding) or after this long at all (not sliding).</summary>
    public int SessionMinutes { get; set; } = 480;

    /// <summary>
    /// True (default): every request in the second half of the session starts a new <see cref="SessionMinutes"/>, so
    /// only idleness ends it. False: the session ends <see cref="SessionMinutes"/> after the sign-in, busy or not.
    /// </summary>
    public bool SessionSliding { get; set; } = true;

    /// <summary>
    /// A cluster (a shared access store) only: how often each node reads the producer keys, service tokens and paired
    /// devices again, so that one created or revoked on another node takes effect here (docs/cluster.md).
    /// </summary>
    public int SyncMilliseconds { get; set; } = 2000;

    /// <summary>
    /// Addresses of reverse proxies on other machines whose X-Forwarded-For and X-Forwarded-Proto are believed (a
    /// cluster's front, docs/cluster.md); a proxy on loopback is always believed.
    /// </summary>
    public List<string> KnownProxies { get; set; } = [];

    public int PasswordMinLength { get; set; } = 12;

    /// <summary>Failed sign-ins in a row before an account is locked, and for how long.</summary>
    public int LockoutAttempts { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    /// <summary>A kiosk pairing code works once, within this many hours of the device's registration.</summary>
    public int PairingCodeHours { get; set; } = 72;

    /// <summary>Service tokens provisioned by configuration: Access:ServiceTokens:&lt;name&gt;:Sha256|Role|Units:&lt;n&gt;.</summary>
    public Dictionary<string, ConfiguredServiceToken> ServiceTokens { get; set; } = new(StringComparer.Ordinal);

    public OidcOptions Oidc { get; set; } = new();

    public RateLimitOptions RateLimits { get; set; } = new();
}

public sealed class ConfiguredServiceToken
{
    /// <summary>SHA-256 hex of the token (never the token): <c>printf %s "$TOKEN" | sha256sum</c>.</summary>
    public string Sha256 { get; set; } = "";

    public string Role { get; set; } = "";

    public List<string> Units { get; set; } = [];
}

/// <summary>An external OpenID Connect provider (a province's single sign-on); off while Authority is empty.</summary>
public sealed class OidcOptions
{
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>The button's words on the sign-in page: "Đăng nhập bằng {DisplayName}".</summary>
    public string DisplayName { get; set; } = "SSO";

    /// <summary>The claim whose values name IOC roles (viewer…admin); synced at each sign-in when the provider sends it.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The claim whose values are unit codes the person is limited to; synced when sent.</summary>
    public string UnitsClaim { get; set; } = "ioc_units";

    /// <summary>The role a new account gets when the provider sends none; empty: no role until an admin gives one.</summary>
    public string DefaultRole { get; set; } = "";

    /// <summary>Only for test providers on plain HTTP; a real provider's metadata must come over HTTPS.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}

public sealed class RateLimitOptions
{
    /// <summary>Sign-in attempts (form posts) per client address per minute.</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Ingestion requests per producer key per minute.</summary>
    public int IngestionPerMinute { get; set; } = 1200;
}
