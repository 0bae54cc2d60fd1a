using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IOC.Web.Tests.Access;

/// <summary>Who the provider says signs in next: its subject, names, and the role and unit claims it sends (or not).</summary>
public sealed record OidcPerson(string Subject, string UserName, string Name, string[]? Roles = null, string[]? Units = null);

/// <summary>
/// A small OpenID provider on a free 127.0.0.1 port, as a province's single sign-on answers: discovery, its signing key
/// (JWKS), the authorization endpoint (the person is already signed in there: it answers at once with a code) and the
/// token endpoint (authorization code with PKCE S256 and a client secret; an RS256-signed id_token with the nonce).
/// Everything the relying party sends is checked, so a wrong request fails the sign-in as a real provider would.
/// </summary>
public sealed class MiniOidcProvider : IAsyncDisposable
{
    public const string ClientId = "ioc";

    public const string ClientSecret = "ioc-client-secret";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, Grant> _codes = new();
    private readonly WebApplication _app;

    private MiniOidcProvider(WebApplication app) => _app = app;

    public Uri Authority { get; private set; } = null!;

    /// <summary>The person who signs in at the next authorization request.</summary>
    public OidcPerson? Next { get; set; }

    /// <summary>Codes redeemed at the token endpoint (each only once).</summary>
    public int Redeemed { get; private set; }

    public static async Task<MiniOidcProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var provider = new MiniOidcProvider(builder.Build());
        provider.Map();
        await provider._app.StartAsync();
        var address = provider._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        provider.Authority = new Uri(address.TrimEnd('/') + "/");
        return provider;
    }

    private string Issuer => Authority.ToString().TrimEnd('/');

    private SecurityKey Key => new RsaSecurityKey(_rsa) { KeyId = "mini-oidc-1" };

    private void Map()
    {
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = $"{Issuer}/authorize",
            ["token_endpoint"] = $"{Issuer}/token",
            ["jwks_uri"] = $"{Issuer}/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["response_modes_supported"] = new[] { "query", "form_post" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
        }));
        _app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey((RsaSecurityKey)Key);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = jwk.Kid, n = jwk.N, e = jwk.E } } });
        });
        _app.MapGet("/authorize", Authorize);
        _app.MapPost("/token", TokenAsync);
    }

    private IResult Authorize(HttpRequest request)
    {
        var q = request.Query;
        if (q["client_id"] != ClientId || q["response_type"] != "code" || q["code_challenge_method"] != "S256" || string.IsNullOrEmpty(q["code_challenge"]))
        {
            return Results.BadRequest(new { error = "invalid_request", error_description = "client_id, response_type=code and a PKCE S256 challenge are required" });
        }

        if (Next is not { } person)
        {
            return Results.BadRequest(new { error = "access_denied", error_description = "nobody is signed in at the provider" });
        }

        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _codes[code] = new Grant(person, q["redirect_uri"].ToString(), q["code_challenge"].ToString(), q["nonce"].ToString());
        var back = $"{q["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(q["state"].ToString())}&iss={Uri.EscapeDataString(Issuer)}";
        return Results.Redirect(back);
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        if (form["grant_type"] != "authorization_code" || form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        }

        if (!_codes.TryRemove(form["code"].ToString(), out var grant) || grant.RedirectUri != form["redirect_uri"])
        {
            return Results.Json(new { error = "invalid_grant", error_description = "unknown or used code, or another redirect_uri" }, statusCode: 400);
        }

        var verifier = form["code_verifier"].ToString();
        if (Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) != grant.Challenge)
        {
            return Results.Json(new { error = "invalid_grant", error_description = "PKCE verifier does not match" }, statusCode: 400);
        }

        Redeemed++;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = grant.Person.Subject,
            ["preferred_username"] = grant.Person.UserName,
            ["name"] = grant.Person.Name,
            ["nonce"] = grant.Nonce,
        };
        if (grant.Person.Roles is { } roles)
        {
            claims["roles"] = roles;
        }

        if (grant.Person.Units is { } units)
        {
            claims["ioc_units"] = units;
        }

        var now = DateTime.UtcNow;
        var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = claims,
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
        });
        return Results.Json(new { access_token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), token_type = "Bearer", expires_in = 300, id_token = idToken });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _rsa.Dispose();
    }

    private sealed record Grant(OidcPerson Person, string RedirectUri, string Challenge, string Nonce);
}
