using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IOC.Access.Roles;
using IOC.Web.Security;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IOC.Web.Tests.Access;

/// <summary>
/// The app as in production for access: no test identity (a request without credentials is anonymous), cookies over
/// plain HTTP (SameAsRequest), and one configured service token per role plus a ward-limited analyst's.
/// </summary>
public class AccessFactory : IocWebFactory
{
    public const string LimitedWard = "00082";

    public const string OtherWard = "00070";

    /// <summary>The configured service token of a role ("token-analyst"), or of the analyst limited to <see cref="LimitedWard"/>.</summary>
    public static string Token(string role) => $"token-{role}";

    public const string LimitedToken = "token-limited-analyst";

    protected override string? TestRole => null;

    protected virtual IDictionary<string, string?> Extra => new Dictionary<string, string?>();

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["Ingestion:ApiKeys:0"] = ApiKeyValidator.DigestHex(ProducerKey),
                ["Access:CookieSecurePolicy"] = "SameAsRequest",
                ["Access:ServiceTokens:limited:Sha256"] = ApiKeyValidator.DigestHex(LimitedToken),
                ["Access:ServiceTokens:limited:Role"] = AccessRoles.Analyst,
                ["Access:ServiceTokens:limited:Units:0"] = LimitedWard,
            };
            foreach (var role in AccessRoles.All)
            {
                settings[$"Access:ServiceTokens:{role}-system:Sha256"] = ApiKeyValidator.DigestHex(Token(role));
                settings[$"Access:ServiceTokens:{role}-system:Role"] = role;
            }

            foreach (var (key, value) in Extra)
            {
                settings[key] = value;
            }

            return settings;
        }
    }

    /// <summary>A client that keeps cookies and shows redirects instead of following them (as a browser's first hop).</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public HttpClient WithToken(string token)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>Posts a page's form as a browser does: the anti-forgery token and the form name read from the page first.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string action, IDictionary<string, string> fields, string? formName = null)
    {
        var html = await client.GetStringAsync(page);
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        token.Success.Should().BeTrue($"{page} carries an anti-forgery token");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        if (formName is not null)
        {
            form["_handler"] = formName;
        }

        return await client.PostAsync(action, new FormUrlEncodedContent(form));
    }

    /// <summary>The first-run admin's generated password, from the file in the data folder.</summary>
    public string FirstRunPassword()
    {
        var file = Path.Combine(DataDir, "initial-admin-password.txt");
        return File.ReadAllLines(file)[1];
    }

    /// <summary>Who, what and detail of the audit lines of an action, one line each, for "contains" checks.</summary>
    public async Task<string> AuditTextAsync(string action) =>
        string.Join("\n", (await AuditAsync(action)).Select(a => $"{a!["actor"]} | {a["target"]} | {a["detail"]}"));

    /// <summary>The audit log as JSON lines, read with the admin service token.</summary>
    public async Task<JsonArray> AuditAsync(string? action = null)
    {
        var response = await WithToken(Token(AccessRoles.Admin)).GetAsync("/api/v1/admin/audit" + (action is null ? "" : $"?action={action}"));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonArray>())!;
    }
}
