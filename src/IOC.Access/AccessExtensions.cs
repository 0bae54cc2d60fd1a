using IOC.Access.Accounts;
using IOC.Access.Audit;
using IOC.Access.Authentication;
using IOC.Access.Authorization;
using IOC.Access.Devices;
using IOC.Access.Keys;
using IOC.Access.Store;
using IOC.Access.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace IOC.Access;

public static class AccessExtensions
{
    /// <summary>
    /// Accounts (Identity on <c>access.db</c> in <paramref name="dataDir"/>), the ways in (person cookie, paired device,
    /// service token, Development's viewer, optional OpenID Connect), the policies, the audit log, the registries of
    /// devices, producer keys and service tokens, and the first-run admin. With <paramref name="sharedStore"/> (an Npgsql
    /// connection string: a cluster) the store is that PostgreSQL database instead, and so is the cookies' key ring.
    /// </summary>
    public static IHostApplicationBuilder AddIocAccess(this IHostApplicationBuilder builder, Func<IServiceProvider, string> dataDir, string? sharedStore = null)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(AccessOptions.Section);
        var options = section.Get<AccessOptions>() ?? new AccessOptions();
        var development = builder.Environment.IsDevelopment();
        var developmentViewer = development && options.DevelopmentViewer;
        services.Configure<AccessOptions>(section);
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<AccessStore>(sp => sharedStore is null ? new SqliteAccessStore(dataDir(sp)) : new PostgresAccessStore(sharedStore, dataDir(sp)));
        services.AddSingleton<IDbContextFactory<AccessDbContext>>(sp => sp.GetRequiredService<AccessStore>());
        services.AddScoped(sp => sp.GetRequiredService<AccessStore>().CreateDbContext());
        if (sharedStore is not null)
        {
            // Every node signs and reads cookies with one key ring, in the shared store (docs/cluster.md). The name
            // replaces the default discriminator (the content root's path), which may differ between machines.
            services.AddDbContext<AccessKeyRing>((sp, o) => o.UseNpgsql(((PostgresAccessStore)sp.GetRequiredService<AccessStore>()).ConnectionString));
            services.AddDataProtection().SetApplicationName("IOC").PersistKeysToDbContext<AccessKeyRing>();
        }

        services.AddHostedService<AccessStoreStartup>();

        services.AddIdentity<IocUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = options.PasswordMinLength;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.MaxFailedAccessAttempts = options.LockoutAttempts;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(options.LockoutMinutes);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<AccessDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<IocClaimsFactory>();

        // Who changed role, units or password, or was locked, is signed out within a minute (pages: at once, through AccessRevocations).
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        var secure = options.CookieSecurePolicy;
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = AccessSchemes.PersonCookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = secure;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(options.SessionMinutes);
            o.SlidingExpiration = options.SessionSliding;
            o.LoginPath = AccessSchemes.LoginPath;
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = AccessSchemes.DeniedPath;
            o.ReturnUrlParameter = "ReturnUrl";
            o.Events.OnRedirectToLogin = c => Answer(c, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => Answer(c, StatusCodes.Status403Forbidden);
        });
        services.ConfigureExternalCookie(o =>
        {
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = secure;
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.SecurePolicy = secure;
            o.Cookie.HttpOnly = true;
        });

        var authentication = services.AddAuthentication(o =>
        {
            o.DefaultScheme = AccessSchemes.Selector;
            o.DefaultAuthenticateScheme = AccessSchemes.Selector;
            o.DefaultChallengeScheme = AccessSchemes.Selector;
            o.DefaultForbidScheme = AccessSchemes.Selector;
        });
        authentication.AddPolicyScheme(AccessSchemes.Selector, "IOC", o => o.ForwardDefaultSelector = c => AccessSchemes.Select(c, developmentViewer));
        authentication.AddScheme<AuthenticationSchemeOptions, ServiceTokenHandler>(AccessSchemes.ServiceToken, "Service token", null);
        authentication.AddScheme<AuthenticationSchemeOptions, DeviceHandler>(AccessSchemes.Device, "Paired device", null);
        if (developmentViewer)
        {
            authentication.AddScheme<AuthenticationSchemeOptions, DevelopmentViewerHandler>(AccessSchemes.DevelopmentViewer, "Development viewer", null);
        }

        if (options.Oidc.Enabled)
        {
            authentication.AddIocOidc(options.Oidc, secure);
        }

        services.AddAuthorization(AccessPolicies.Add);
        services.AddSingleton<IAuthorizationHandler, UnitRouteHandler>();
        services.AddSingleton<IAuthorizationHandler, EveryUnitHandler>();
        services.AddCascadingAuthenticationState();

        services.AddSingleton<IAuditLog, AuditLog>();
        services.AddSingleton<AuditQuery>();
        services.AddSingleton<AccessRevocations>();
        services.AddSingleton<DeviceRegistry>();
        services.AddSingleton<ProducerKeyRegistry>();
        services.AddSingleton<ServiceTokenRegistry>();
        services.AddSingleton<AccessRegistrySync>();
        services.AddHostedService(sp => sp.GetRequiredService<AccessRegistrySync>());
        services.AddScoped<AccountService>();
        services.AddSingleton<FirstRunAdmin>();
        services.AddHostedService(sp => sp.GetRequiredService<FirstRunAdmin>());
        return builder;
    }

    /// <summary>On machine paths (API, hub) a missing or insufficient sign-in is a 401 or 403 answer, not a redirect to a page.</summary>
    private static Task Answer(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (AccessSchemes.IsMachinePath(context.Request.Path))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
