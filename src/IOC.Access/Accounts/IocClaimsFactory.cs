using System.Security.Claims;
using IOC.Access.Authorization;
using IOC.Access.Store;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace IOC.Access.Accounts;

/// <summary>A person's cookie carries, beside Identity's name and role claims, IOC's kind, unit limits and the first-password flag.</summary>
public sealed class IocClaimsFactory(UserManager<IocUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<IocUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(IocUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AccessClaims.Kind, AccessClaims.Person));
        foreach (var unit in user.UnitList)
        {
            identity.AddClaim(new Claim(AccessClaims.Unit, unit));
        }

        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(AccessClaims.MustChangePassword, "true"));
        }

        return identity;
    }
}
