using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;

namespace IOC.Web.Tests.Deploy;

/// <summary>
/// What an operator does on a server: <c>dotnet publish</c> to a folder, copy it anywhere, start it in Production with
/// a producer key and a data folder. Nothing of the repository may be needed any more (seed data and static assets
/// travel with the output).
/// </summary>
public sealed class PublishedAppTests : IDisposable
{
    private const string Key = "published-producer-key";

    // Far from the repository: the system temp folder, not a folder under the project (publishing inside the project
    // folder breaks its next build with BLAZOR106).
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("ioc-published-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task ThePublishedOutputStartedFromAnotherFolderIsReadyServesTheWallboardAndAcceptsABatch()
    {
        var app = Path.Combine(_root.FullName, "app");
        await PublishAsync(app);
        var elsewhere = Directory.CreateDirectory(Path.Combine(_root.FullName, "cwd")).FullName;
        var data = Path.Combine(_root.FullName, "data");
        var address = new Uri($"http://127.0.0.1:{AppProcess.FreePort()}");
        using var server = StartPublished(app, elsewhere, data, address);
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };

        (await WaitForReadyAsync(http, server)).Should().Be(HttpStatusCode.OK);
        var wallboard = await http.GetAsync("/?kiosk=1");
        var script = await http.GetAsync("/_framework/blazor.web.js");
        var posted = await PostAsync(http, WireEvents.Received($"published-{Guid.NewGuid():N}", TestClock.RecentToday(1)));

        // Production lets nobody in without a sign-in: the wallboard leads to the sign-in page, served from the output.
        wallboard.StatusCode.Should().Be(HttpStatusCode.OK);
        wallboard.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/account/login");
        (await wallboard.Content.ReadAsStringAsync()).Should().Contain("Trung tâm điều hành thông minh").And.Contain("Đăng nhập").And.Contain("_framework/blazor.web.js");
        File.Exists(Path.Combine(data, "initial-admin-password.txt")).Should().BeTrue("the first run writes the admin's password to the data folder");
        script.StatusCode.Should().Be(HttpStatusCode.OK, "the framework's own Blazor script travels with the published output");
        (await script.Content.ReadAsByteArrayAsync()).Length.Should().BeGreaterThan(100_000);
        posted.StatusCode.Should().Be(HttpStatusCode.Accepted, await posted.Content.ReadAsStringAsync());
        (await posted.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["accepted"].ToString().Should().Be("1");
        File.Exists(Path.Combine(data, "inbox.db")).Should().BeTrue("the data folder given is where the inbox lives");
        File.Exists(Path.Combine(app, "seed-data", "units.csv")).Should().BeTrue("seed data travels with the output");
        (await http.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>Publishes the IOC.Web already built in this test run's configuration (no second build).</summary>
    private static async Task PublishAsync(string output)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var project = Path.Combine(AppProcess.RepoRoot(), "src", "IOC.Web", "IOC.Web.csproj");
        var info = new ProcessStartInfo("dotnet", ["publish", project, "-c", configuration, "--no-build", "-o", output, "--nologo", "-v", "quiet"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var publish = Process.Start(info)!;
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        publish.ExitCode.Should().Be(0, "dotnet publish said: " + await stdout + await stderr);
    }

    private static AppHandle StartPublished(string app, string workingDirectory, string data, Uri address)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(app, "IOC.Web.dll"), "--urls", address.ToString()])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Storage__DataDir"] = data;
        info.Environment["Ingestion__ApiKeys__0"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key)));
        info.Environment["Simulator__Enabled"] = "false";
        // Plain HTTP on loopback with no proxy in front: cookies may not demand HTTPS here (docs/security.md).
        info.Environment["Access__CookieSecurePolicy"] = "SameAsRequest";
        return new AppHandle(Process.Start(info)!);
    }

    private static async Task<HttpStatusCode> WaitForReadyAsync(HttpClient http, AppHandle server)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            server.Process.HasExited.Should().BeFalse("the published app should keep running; it said: " + server.Output);
            try
            {
                var response = await http.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return response.StatusCode;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("/health/ready did not answer 200 within 60 s; the app said: " + server.Output);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, params System.Text.Json.Nodes.JsonObject[] events)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events") { Content = JsonContent.Create(events) };
        request.Headers.Add("X-Api-Key", Key);
        return http.SendAsync(request);
    }

    /// <summary>The published app's process, killed (with its output kept for messages) at the end.</summary>
    private sealed class AppHandle : IDisposable
    {
        private readonly StringBuilder _output = new();

        public AppHandle(Process process)
        {
            Process = process;
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }

            Process.Dispose();
        }

        private void Append(string? line)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
