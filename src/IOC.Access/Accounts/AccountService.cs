using System.Security.Claims;
using IOC.Access.Audit;
using IOC.Access.Authorization;
using IOC.Access.Roles;
using IOC.Access.Store;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IOC.Access.Accounts;

public sealed record AccountView(string Id, string UserName, string DisplayName, string? Role, IReadOnlyList<string> Units, bool MustChangePassword, bool LockedOut, bool External, DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt);

/// <summary>The admin's account operations (pages and API share them): each one audited, each change felt at once by open pages.</summary>
public sealed class AccountService(UserManager<IocUser> users, IAuditLog audit, AccessRevocations revocations, TimeProvider time)
{
    public async Task<IReadOnlyList<AccountView>> ListAsync(CancellationToken ct)
    {
        var all = await users.Users.OrderBy(u => u.UserName).ToListAsync(ct);
        var views = new List<AccountView>(all.Count);
        foreach (var user in all)
        {
            views.Add(await ViewAsync(user));
        }

        return views;
    }

    public async Task<AccountView?> FindAsync(string userName) =>
        await users.FindByNameAsync(userName) is { } user ? await ViewAsync(user) : null;

    /// <summary>Creates a local account with a first password the person must change; errors name the field.</summary>
    public async Task<(AccountView? Account, IReadOnlyList<(string Field, string Reason)> Errors)> CreateAsync(
        string userName, string displayName, string role, IReadOnlyList<string> units, string password, ClaimsPrincipal actor, string? address)
    {
        if (!AccessRoles.IsKnown(role))
        {
            return (null, [("role", $"'{role}' is not one of {string.Join(", ", AccessRoles.All)}")]);
        }

        var user = new IocUser { UserName = userName.Trim(), DisplayName = displayName.Trim(), Units = UnitCodes.Join(units), MustChangePassword = true, CreatedAt = time.GetUtcNow() };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return (null, [.. created.Errors.Select(e => (e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "userName", e.Description))]);
        }

        await users.AddToRoleAsync(user, role);
        await audit.WriteAsync(AuditActions.AccountCreated, actor, address, $"account {user.UserName}", $"role {role}; units {Describe(units)}");
        return (await ViewAsync(user), []);
    }

    /// <summary>Sets the role and unit limits; the person's open pages reload with the new reach.</summary>
    public async Task<(AccountView? Account, string? Error)> ChangeAsync(string userName, string role, IReadOnlyList<string> units, ClaimsPrincipal actor, string? address)
    {
        if (!AccessRoles.IsKnown(role))
        {
            return (null, $"role '{role}' is not one of {string.Join(", ", AccessRoles.All)}");
        }

        if (await users.FindByNameAsync(userName) is not { } user)
        {
            return (null, null);
        }

        var before = $"role {(await users.GetRolesAsync(user)).FirstOrDefault() ?? "none"}; units {Describe(user.UnitList)}";
        await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user));
        await users.AddToRoleAsync(user, role);
        user.Units = UnitCodes.Join(units);
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        revocations.PersonChanged(user.UserName!);
        await audit.WriteAsync(AuditActions.AccountChanged, actor, address, $"account {user.UserName}", $"{before} → role {role}; units {Describe(units)}");
        return (await ViewAsync(user), null);
    }

    /// <summary>Locks (until unlocked) or unlocks an account; a locked person is signed out everywhere.</summary>
    public async Task<AccountView?> SetLockedAsync(string userName, bool locked, ClaimsPrincipal actor, string? address)
    {
        if (await users.FindByNameAsync(userName) is not { } user)
        {
            return null;
        }

        await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        await users.ResetAccessFailedCountAsync(user);
        await users.UpdateSecurityStampAsync(user);
        revocations.PersonChanged(user.UserName!);
        await audit.WriteAsync(AuditActions.AccountChanged, actor, address, $"account {user.UserName}", locked ? "locked" : "unlocked");
        return await ViewAsync(user);
    }

    /// <summary>Gives a new first password (to be changed at the next sign-in).</summary>
    public async Task<(AccountView? Account, string? Error)> ResetPasswordAsync(string userName, string password, ClaimsPrincipal actor, string? address)
    {
        if (await users.FindByNameAsync(userName) is not { } user)
        {
            return (null, null);
        }

        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, password);
            if (!check.Succeeded)
            {
                return (null, string.Join(" ", check.Errors.Select(e => e.Description)));
            }
        }

        await users.RemovePasswordAsync(user);
        await users.AddPasswordAsync(user, password);
        user.MustChangePassword = true;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        revocations.PersonChanged(user.UserName!);
        await audit.WriteAsync(AuditActions.PasswordReset, actor, address, $"account {user.UserName}", "new first password, to be changed at the next sign-in");
        return (await ViewAsync(user), null);
    }

    private async Task<AccountView> ViewAsync(IocUser user) => new(
        user.Id, user.UserName!, user.DisplayName, (await users.GetRolesAsync(user)).FirstOrDefault(), user.UnitList, user.MustChangePassword,
        user.LockoutEnd is { } end && end > time.GetUtcNow(), !await users.HasPasswordAsync(user), user.CreatedAt, user.LastSignInAt);

    private static string Describe(IReadOnlyList<string> units) => units.Count == 0 ? "all" : string.Join(",", units);
}
