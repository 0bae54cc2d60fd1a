using IOC.Access.Audit;
using IOC.Access.Roles;
using IOC.Access.Store;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IOC.Access.Accounts;

/// <summary>
/// On the first run (no account yet): the five roles, and an <c>admin</c> account with a generated password that is
/// written once to the console (never to the log files) and to <see cref="PasswordFile"/>, readable by the service
/// user only (0600). The password must be changed at the first sign-in; the file is deleted then.
/// </summary>
public sealed partial class FirstRunAdmin(IServiceScopeFactory scopes, AccessStore store, TimeProvider time, ILogger<FirstRunAdmin> logger) : IHostedService
{
    public const string AdminName = "admin";

    public const string PasswordFileName = "initial-admin-password.txt";

    public string PasswordFile => Path.Combine(store.DataDir, PasswordFileName);

    /// <summary>The advisory lock under which a node looks for accounts and makes the first one (a cluster's nodes start together).</summary>
    internal const long FirstRunLock = 0x494F_4311;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Nodes of a cluster starting at once would each find no account and each make an admin (or fail on the
        // unique name): one node at a time; the others then find the roles and the account.
        await using var held = await store.LockAsync(FirstRunLock, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in AccessRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
            }
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<IocUser>>();
        if (await users.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var password = Secrets.Password();
        var admin = new IocUser { UserName = AdminName, DisplayName = "Quản trị / Administrator", MustChangePassword = true, CreatedAt = time.GetUtcNow() };
        Check(await users.CreateAsync(admin, password), "the admin account");
        Check(await users.AddToRoleAsync(admin, AccessRoles.Admin), "the admin role");
        WritePasswordFile(password);

        // The console only: log files are kept and shipped, a password must not be in them.
        Console.Out.WriteLine($"""

            ==== IOC first run ====================================================================
            Account:  {AdminName}
            Password: {password}
            (also in {PasswordFile}, readable by this user only; change it at the first sign-in)
            =======================================================================================

            """);
        LogCreated(logger, AdminName, PasswordFile);
        await scope.ServiceProvider.GetRequiredService<IAuditLog>().WriteAsync(AuditActions.AccountCreated, null, null, $"account {AdminName}", "first run: generated password, must be changed", ct: cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called after the admin's first password change: the generated one is of no use any more.</summary>
    public void ForgetPasswordFile()
    {
        if (File.Exists(PasswordFile))
        {
            File.Delete(PasswordFile);
        }
    }

    private void WritePasswordFile(string password)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new StreamWriter(PasswordFile, System.Text.Encoding.UTF8, options))
        {
            file.WriteLine($"{AdminName}");
            file.WriteLine(password);
        }

        if (!OperatingSystem.IsWindows())
        {
            // A file that existed keeps its mode on Create: set it again.
            File.SetUnixFileMode(PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "First run: created the account {Account}; its generated password is on the console and in {File}")]
    private static partial void LogCreated(ILogger logger, string account, string file);
}
