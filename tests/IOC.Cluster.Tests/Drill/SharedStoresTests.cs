using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IOC.Testing.Hosting;
using Xunit.Abstractions;

namespace IOC.Cluster.Tests.Drill;

/// <summary>
/// The access and alert stores shared by a cluster (issue 11), with real processes through scripts/cluster.sh: three
/// nodes, each with a home folder of its own (as on machines of their own), one PostgreSQL. What an admin or a duty
/// officer does through one node holds on every other: producer keys and their revocation, alert rules, acknowledgements,
/// the audit log, and the sign-in cookie. Last, a node's restart on a port another process took meanwhile.
/// </summary>
public sealed partial class SharedStoresTests(ITestOutputHelper output)
{
    private const string AdminToken = "cluster-test-admin-token";
    private const string AlertId = "cluster-satisfaction:ward:00082";

    /// <summary>docs/cluster.md: a revocation reaches every node within one read of the registries (2 s); the machine here is loaded.</summary>
    private static readonly TimeSpan RevocationLimit = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task WhatAnAdminAndADutyOfficerDoThroughOneNodeHoldsOnEveryOtherNode()
    {
        await using var cluster = await ClusterScript.StartAsync(3, new Dictionary<string, string>
        {
            ["Simulator__Enabled"] = "false",
            ["Access__DevelopmentViewer"] = "false",
            ["Access__ServiceTokens__ops__Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AdminToken))),
            ["Access__ServiceTokens__ops__Role"] = "admin",
        });
        var (one, two, three) = (Admin(cluster.Nodes[0]), Admin(cluster.Nodes[1]), Admin(cluster.Nodes[2]));

        // A producer key made on node 1 is accepted by node 2.
        var created = await one.PostAsJsonAsync("/api/v1/admin/producer-keys", new { name = "Một cửa Cửa Nam" });
        created.StatusCode.Should().Be(HttpStatusCode.Created, cluster.LogTail(1));
        var key = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var (keyId, secret) = (key["key"]!["id"]!.GetValue<int>(), key["secret"]!.GetValue<string>());
        var producerOnTwo = Producer(cluster.Nodes[1], secret);
        (await WithinAsync(TimeSpan.FromSeconds(10), async () =>
            (await producerOnTwo.PostAsync(WireEvents.Received($"k-{Guid.NewGuid():N}", TestClock.RecentToday(1)))).StatusCode == HttpStatusCode.Accepted))
            .Should().BeTrue("node 2 knows the key made on node 1\n" + cluster.LogTail(2));

        // A rule added on node 1 fires for events posted to node 2 and shows on node 3.
        var rule = await one.PostAsJsonAsync("/api/v1/alerts/rules", new
        {
            by = "Quản trị",
            rule = new
            {
                id = "cluster-satisfaction", nameVi = "Hài lòng thấp", nameEn = "Low satisfaction", kpi = "satisfaction.rate", scope = "ward",
                unit = "00082", window = "today", condition = "below", threshold = 95, minDenominator = 3, severity = "critical",
            },
        });
        rule.StatusCode.Should().Be(HttpStatusCode.Created, await rule.Content.ReadAsStringAsync());
        await Task.Delay(TimeSpan.FromSeconds(3));   // every silo reads the rules every 2 s
        var at = TestClock.RecentToday(1);
        (await producerOnTwo.PostAsync(
            WireEvents.Survey($"s1-{Guid.NewGuid():N}", at, "satisfied"),
            WireEvents.Survey($"s2-{Guid.NewGuid():N}", at, "dissatisfied"),
            WireEvents.Survey($"s3-{Guid.NewGuid():N}", at, "dissatisfied"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await WithinAsync(TimeSpan.FromSeconds(20), async () => await AlertAsync(three) is { } a && a["state"]!.GetValue<string>() == "firing"))
            .Should().BeTrue("the rule added on node 1 fires for events posted to node 2, and node 3 shows it\n" + cluster.LogTail(3));

        // Acknowledged on node 3: node 1 shows it acknowledged, node 2 reads the audit line and the alert's history.
        (await three.PostAsJsonAsync($"/api/v1/alerts/{AlertId}/ack", new { by = "Trực ban Hà", note = "đã gọi phường" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await WithinAsync(TimeSpan.FromSeconds(10), async () => await AlertAsync(one) is { } a && a["ack"]?["by"]?.GetValue<string>() == "Trực ban Hà"))
            .Should().BeTrue("node 1 shows the acknowledgement made on node 3");
        var audit = await two.GetStringAsync("/api/v1/admin/audit?action=alert-acknowledged");
        audit.Should().Contain(AlertId).And.Contain("Trực ban Hà", "the audit line written on node 3 is read on node 2");
        (await WithinAsync(TimeSpan.FromSeconds(10), async () =>
            (await two.GetFromJsonAsync<JsonArray>("/api/v1/alerts/history?rule=cluster-satisfaction"))!.Count >= 2))
            .Should().BeTrue("node 2 reads the history the grain recorded (firing, acknowledged), wherever it lives");

        // Revoked on node 2: node 3 refuses the key within the documented time.
        (await two.PostAsync($"/api/v1/admin/producer-keys/{keyId}/revoke", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        var revokedAt = Stopwatch.StartNew();
        var producerOnThree = Producer(cluster.Nodes[2], secret);
        HttpResponseMessage? refused = null;
        (await WithinAsync(TimeSpan.FromSeconds(10), async () =>
        {
            refused = await producerOnThree.PostAsync(WireEvents.Received($"r-{Guid.NewGuid():N}", TestClock.RecentToday(1)));
            return refused.StatusCode == HttpStatusCode.Unauthorized;
        })).Should().BeTrue();
        output.WriteLine($"node 3 refused the key {revokedAt.Elapsed.TotalSeconds:0.0} s after node 2 revoked it");
        revokedAt.Elapsed.Should().BeLessThan(RevocationLimit);
        (await refused!.Content.ReadAsStringAsync()).Should().Contain("revoked");

        // A person's sign-in cookie from node 1 is accepted by node 2 (one key ring in the shared store).
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });
        var password = File.ReadAllLines(Path.Combine(cluster.Folder, "node-1", "initial-admin-password.txt"))[1];
        var signIn = await SignInAsync(browser, cluster.Nodes[0], "admin", password);
        Target(signIn).Should().Be("/", "node 1 signs the admin in");
        var onTwo = await browser.GetAsync(new Uri(cluster.Nodes[1], "/"));
        Target(onTwo).Should().StartWith("/account/password", "node 2 reads node 1's session cookie (the first password must be changed), instead of sending the person to sign in again");

        // A node restarts on its own ports: one taken meanwhile by another process is named, and nothing is started.
        await cluster.KillAsync(3);
        var port = cluster.Nodes[2].Port;
        using (var squatter = await ListenWhenFreeAsync(port))
        {
            var restart = () => cluster.RestartAsync(3);
            (await restart.Should().ThrowAsync<InvalidOperationException>())
                .Which.Message.Should().Contain($"node 3 cannot restart: its HTTP port {port} on 127.0.0.1 is taken by another process");
        }

        await cluster.RestartAsync(3);
        (await three.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK, "node 3 is back once its port is free\n" + cluster.LogTail(3));
    }

    /// <summary>Listens on <paramref name="port"/> once the killed node has let it go (kill -9 returns before the process is gone).</summary>
    private static async Task<System.Net.Sockets.TcpListener> ListenWhenFreeAsync(int port)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, port);
            try
            {
                listener.Start();
                return listener;
            }
            catch (System.Net.Sockets.SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(15))
            {
                listener.Dispose();
                await Task.Delay(200);
            }
        }
    }

    private static HttpClient Admin(Uri node)
    {
        var client = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    private static HttpClient Producer(Uri node, string key)
    {
        var client = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static async Task<JsonObject?> AlertAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonArray>("/api/v1/alerts"))!.OfType<JsonObject>().FirstOrDefault(a => a["id"]!.GetValue<string>() == AlertId);

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, Uri node, string user, string password)
    {
        var page = new Uri(node, "/account/login?ReturnUrl=%2F");
        var html = await browser.GetStringAsync(page);
        var token = AntiforgeryToken().Match(html);
        token.Success.Should().BeTrue("the sign-in page carries an anti-forgery token");
        return await browser.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = user,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["_handler"] = "login",
        }));
    }

    private static string Target(HttpResponseMessage response) =>
        response.Headers.Location is { } at ? at.IsAbsoluteUri ? at.PathAndQuery : at.OriginalString : $"(no redirect: {(int)response.StatusCode})";

    private static async Task<bool> WithinAsync(TimeSpan limit, Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // A node busy starting: ask again.
            }

            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(200);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
