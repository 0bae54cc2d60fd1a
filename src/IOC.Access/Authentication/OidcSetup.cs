using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace IOC.Access.Authentication;

/// <summary>
/// An external OpenID Connect provider (authorization code flow with PKCE). It signs into Identity's external cookie;
/// <c>/account/external/callback</c> then links or creates the local account and signs the person in as usual.
/// </summary>
public static class OidcSetup
{
    public const string Scheme = "oidc";

    public const string CallbackPath = "/signin-oidc";

    public static AuthenticationBuilder AddIocOidc(this AuthenticationBuilder authentication, OidcOptions settings, CookieSecurePolicy secure) =>
        authentication.AddOpenIdConnect(Scheme, settings.DisplayName, o =>
        {
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = string.IsNullOrEmpty(settings.ClientSecret) ? null : settings.ClientSecret;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.CallbackPath = CallbackPath;
            o.SaveTokens = false;
            o.GetClaimsFromUserInfoEndpoint = false;
            o.MapInboundClaims = false;
            o.Scope.Clear();
            o.Scope.Add("openid");
            o.Scope.Add("profile");
            o.CorrelationCookie.SecurePolicy = secure;
            o.NonceCookie.SecurePolicy = secure;
            if (secure != CookieSecurePolicy.Always)
            {
                // A plain-HTTP host cannot set SameSite=None cookies (browsers demand Secure for them): the provider
                // then answers with a top-level GET redirect, which carries Lax cookies.
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.ResponseMode = OpenIdConnectResponseMode.Query;
            }
        });
}
