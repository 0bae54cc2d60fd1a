using IOC.Access.Accounts;
using IOC.Access.Audit;
using IOC.Access.Authorization;
using IOC.Access.Devices;
using IOC.Access.Keys;
using IOC.Access.Tokens;
using IOC.Domain.Units;
using IOC.Web.Exports;

namespace IOC.Web.Apis;

/// <summary>
/// /api/v1/admin: accounts, kiosk devices, producer keys, service tokens and the audit log (docs/security.md). Reads
/// for admins; changes only with an admin service token (people change things on the /admin pages, whose forms carry
/// anti-forgery tokens). A secret (key, token, pairing code) is in the answer that creates it and never again.
/// </summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin").WithTags("Admin");
        var write = api.MapGroup("").RequireAuthorization(AccessPolicies.AdminApiWrite);

        api.MapGet("/accounts", (AccountService accounts, CancellationToken ct) => accounts.ListAsync(ct)).WithName("GetAccounts").WithSummary("Every account: role, unit limits, locked, last sign-in.");
        write.MapPost("/accounts", CreateAccount).WithName("CreateAccount").WithSummary("A local account with a first password the person must change.");
        write.MapPut("/accounts/{userName}", ChangeAccount).WithName("ChangeAccount").WithSummary("Sets an account's role and unit limits.");
        write.MapPost("/accounts/{userName}/lock", (string userName, AccountService accounts, HttpContext http) => Lock(userName, true, accounts, http)).WithName("LockAccount").WithSummary("Locks an account (signed out everywhere) until unlocked.");
        write.MapPost("/accounts/{userName}/unlock", (string userName, AccountService accounts, HttpContext http) => Lock(userName, false, accounts, http)).WithName("UnlockAccount").WithSummary("Unlocks an account.");
        write.MapPost("/accounts/{userName}/password", ResetPassword).WithName("ResetPassword").WithSummary("A new first password, to be changed at the next sign-in.");

        api.MapGet("/devices", (DeviceRegistry devices, CancellationToken ct) => devices.ListAsync(ct)).WithName("GetDevices").WithSummary("Kiosk devices: paired or waiting, last seen, revoked.");
        write.MapPost("/devices", RegisterDevice).WithName("RegisterDevice").WithSummary("Registers a screen: its one-time pairing code and link (shown once).");
        write.MapPost("/devices/{id:int}/revoke", async (int id, DeviceRegistry devices, HttpContext http, CancellationToken ct) =>
                await devices.RevokeAsync(id, http.User, Address(http), ct) is { } device ? Results.Ok(device) : NotFound("device", id))
            .WithName("RevokeDevice").WithSummary("Revokes a screen at once: it drops to the 'paired device revoked' page.");

        api.MapGet("/producer-keys", (ProducerKeyRegistry keys, CancellationToken ct) => keys.ListAsync(ct)).WithName("GetProducerKeys").WithSummary("Producer keys: name, scope, expiry, revoked, last used (never the key).");
        write.MapPost("/producer-keys", CreateProducerKey).WithName("CreateProducerKey").WithSummary("A producer key scoped to units and event types (the key is shown once).");
        write.MapPost("/producer-keys/{id:int}/revoke", async (int id, ProducerKeyRegistry keys, HttpContext http, CancellationToken ct) =>
                await keys.RevokeAsync(id, http.User, Address(http), ct) is { } key ? Results.Ok(key) : NotFound("producer key", id))
            .WithName("RevokeProducerKey").WithSummary("Revokes a producer key at once.");

        api.MapGet("/service-tokens", (ServiceTokenRegistry tokens, CancellationToken ct) => tokens.ListAsync(ct)).WithName("GetServiceTokens").WithSummary("Service tokens created here (configuration tokens are listed by name on the page).");
        write.MapPost("/service-tokens", CreateServiceToken).WithName("CreateServiceToken").WithSummary("A service token with a role and optional unit limits (the token is shown once).");
        write.MapPost("/service-tokens/{id:int}/revoke", async (int id, ServiceTokenRegistry tokens, HttpContext http, CancellationToken ct) =>
                await tokens.RevokeAsync(id, http.User, Address(http), ct) is { } token ? Results.Ok(token) : NotFound("service token", id))
            .WithName("RevokeServiceToken").WithSummary("Revokes a service token at once (its hub connections are closed).");

        api.MapGet("/audit", ReadAudit).WithName("GetAuditLog")
            .WithSummary("The audit log, newest first: from, to (dates or instants), action, q (words in who, what, detail), limit; format=csv|xlsx downloads it (lang=en).");
        return app;
    }

    public static string? Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();

    private static async Task<IResult> CreateAccount(NewAccount body, AccountService accounts, UnitCatalog units, HttpContext http)
    {
        if ((AdminChecks.Name(body.UserName, "userName") ?? AdminChecks.Role(body.Role) ?? AdminChecks.Units(body.Units, units)) is { } bad)
        {
            return bad.ToResult();
        }

        var (account, errors) = await accounts.CreateAsync(body.UserName!, body.DisplayName ?? "", body.Role!, body.Units ?? [], body.Password ?? "", http.User, Address(http));
        return account is not null
            ? Results.Created($"/api/v1/admin/accounts/{Uri.EscapeDataString(account.UserName)}", account)
            : new BadArg(errors[0].Field, string.Join(" ", errors.Select(e => e.Reason)), AdminChecks.Title).ToResult();
    }

    private static async Task<IResult> ChangeAccount(string userName, AccountChange body, AccountService accounts, UnitCatalog units, HttpContext http)
    {
        if ((AdminChecks.Role(body.Role) ?? AdminChecks.Units(body.Units, units)) is { } bad)
        {
            return bad.ToResult();
        }

        var (account, error) = await accounts.ChangeAsync(userName, body.Role!, body.Units ?? [], http.User, Address(http));
        return account is not null ? Results.Ok(account) : error is not null ? new BadArg("role", error, AdminChecks.Title).ToResult() : NotFound("account", userName);
    }

    private static async Task<IResult> Lock(string userName, bool locked, AccountService accounts, HttpContext http) =>
        await accounts.SetLockedAsync(userName, locked, http.User, Address(http)) is { } account ? Results.Ok(account) : NotFound("account", userName);

    private static async Task<IResult> ResetPassword(string userName, NewPassword body, AccountService accounts, HttpContext http)
    {
        var (account, error) = await accounts.ResetPasswordAsync(userName, body.Password ?? "", http.User, Address(http));
        return account is not null ? Results.Ok(account) : error is not null ? new BadArg("password", error, AdminChecks.Title).ToResult() : NotFound("account", userName);
    }

    private static async Task<IResult> RegisterDevice(NewDevice body, DeviceRegistry devices, HttpContext http, CancellationToken ct)
    {
        if (AdminChecks.Name(body.Name) is { } bad)
        {
            return bad.ToResult();
        }

        var (device, code) = await devices.RegisterAsync(body.Name!, body.Location ?? "", http.User, Address(http), ct);
        return Results.Created($"/api/v1/admin/devices/{device.Id}", new { device, pairingCode = code, pairingLink = PairingLink(http, code) });
    }

    /// <summary>The link a screen opens once to pair: this server's address, the pairing page and the code.</summary>
    public static string PairingLink(HttpContext http, string code) => $"{http.Request.Scheme}://{http.Request.Host}/pair?code={Uri.EscapeDataString(code)}";

    private static async Task<IResult> CreateProducerKey(NewProducerKey body, ProducerKeyRegistry keys, UnitCatalog units, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        if ((AdminChecks.Name(body.Name) ?? AdminChecks.Units(body.Units, units) ?? AdminChecks.EventTypes(body.EventTypes) ?? AdminChecks.Expiry(body.ExpiresAt, time)) is { } bad)
        {
            return bad.ToResult();
        }

        var (key, secret) = await keys.CreateAsync(body.Name!, body.Units ?? [], body.EventTypes ?? [], body.ExpiresAt, http.User, Address(http), ct);
        return Results.Created($"/api/v1/admin/producer-keys/{key.Id}", new { key, secret });
    }

    private static async Task<IResult> CreateServiceToken(NewServiceToken body, ServiceTokenRegistry tokens, UnitCatalog units, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        if ((AdminChecks.Name(body.Name) ?? AdminChecks.Role(body.Role) ?? AdminChecks.Units(body.Units, units) ?? AdminChecks.Expiry(body.ExpiresAt, time)) is { } bad)
        {
            return bad.ToResult();
        }

        var (token, secret) = await tokens.CreateAsync(body.Name!, body.Role!, body.Units ?? [], body.ExpiresAt, http.User, Address(http), ct);
        return Results.Created($"/api/v1/admin/service-tokens/{token.Id}", new { token, secret });
    }

    private static async Task<IResult> ReadAudit(string? from, string? to, string? action, string? q, int? limit, string? format, string? lang, AuditQuery audit, IAuditLog log, HttpContext http, CancellationToken ct)
    {
        var (start, startError) = AuditArgs.Instant(from, "from");
        var (end, endError) = AuditArgs.Instant(to, "to", endOfDay: true);
        var (fileFormat, formatError) = HistoryArgParser.Format(format);
        var (language, langError) = HistoryArgParser.Lang(lang);
        var actionError = string.IsNullOrEmpty(action) || AuditActions.All.Contains(action) ? null
            : new BadArg("action", $"action '{action}' is not one of {string.Join(", ", AuditActions.All)}.", AdminChecks.Title);
        if ((startError ?? endError ?? formatError ?? langError ?? actionError) is { } bad)
        {
            return bad.ToResult();
        }

        var lines = await audit.ReadAsync(new AuditFilter(start, end, action, q, limit ?? (fileFormat == "json" ? 500 : AuditQuery.MaxLimit)), ct);
        if (fileFormat != "json")
        {
            await log.WriteAsync(http, AuditActions.AuditExported, "audit log", $"{lines.Count} lines; {http.Request.QueryString}");
        }

        return Export.Answer(lines, fileFormat, language, l => AuditExport.Book(lines, l));
    }

    private static IResult NotFound(string what, object id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"Unknown {what}", detail: $"No {what} '{id}'.");
}
