using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IOC.Testing.Hosting;

namespace IOC.Bench;

/// <summary>
/// Memory under a constant load (issue 18): a fresh server (Production, simulator off) gets valid batches at a steady
/// rate for many minutes — dossiers received and completed in pairs, calls, surveys, every id new — and its resident
/// memory and GC heap are sampled every 30 s. Memory must follow what is open (a bounded set here), not what passed.
/// With <c>--heap-limit-mb</c> the server runs under DOTNET_GCHeapHardLimit, which turns a leak into failures.
/// </summary>
public static class SoakBenchmark
{
    private const string Key = "bench-soak-key";
    private const int BatchSize = 1000;

    public static async Task<int> RunAsync(string[] args)
    {
        var minutes = double.Parse(Option(args, "minutes", "10"), System.Globalization.CultureInfo.InvariantCulture);
        var rate = int.Parse(Option(args, "rate", "20000"));
        var heapLimitMb = int.Parse(Option(args, "heap-limit-mb", "0"));
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key)));
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Ingestion__ApiKeys__0"] = digest,
        };
        if (heapLimitMb > 0)
        {
            settings["DOTNET_GCHeapHardLimit"] = $"0x{(long)heapLimitMb * 1024 * 1024:X}";
        }

        using var server = await AppProcess.StartAsync(new AppProcessOptions { Configuration = "Release", Settings = settings });
        Console.WriteLine($"soak: {minutes} min at {rate:N0} events/s in batches of {BatchSize}, heap limit {(heapLimitMb > 0 ? $"{heapLimitMb} MiB" : "none")}, server pid {server.Pid}, load {Load()}");
        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);

        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(minutes));
        var counts = new Counts();
        var load = PostAsync(http, rate, counts, stop.Token);
        var samples = new List<Sample>();
        var clock = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested)
        {
            samples.Add(await SampleAsync(http, server.Pid, clock.Elapsed, counts));
            Console.WriteLine(samples[^1]);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        await load;
        samples.Add(await SampleAsync(http, server.Pid, clock.Elapsed, counts));
        Console.WriteLine(samples[^1]);
        var afterMinute = samples.First(s => s.At >= TimeSpan.FromMinutes(1));
        var last = samples[^1];
        Console.WriteLine($"acknowledged {counts.Acknowledged:N0} events ({counts.Acknowledged / clock.Elapsed.TotalSeconds:N0}/s), {counts.Failed} failed batches");
        Console.WriteLine($"growth after the first minute: resident {Growth(afterMinute.RssMb, last.RssMb)}, GC heap {Growth(afterMinute.HeapMb, last.HeapMb)} (load {Load()})");
        return counts.Failed == 0 ? 0 : 1;
    }

    /// <summary>
    /// Batches at a steady rate: 40% receipts, 40% completions of the previous batch's receipts, 10% calls, 10% surveys,
    /// over 126 wards; so the open dossiers stay about one batch's worth while millions pass.
    /// </summary>
    private static async Task PostAsync(HttpClient http, int rate, Counts counts, CancellationToken stop)
    {
        var wards = BenchOptions.Units().Wards.Select(w => w.Code).ToArray();
        var perSecond = Math.Max(1, rate / BatchSize);
        var next = 0L;
        var open = new List<(string Id, string Ward)>();
        var clock = Stopwatch.StartNew();
        var sent = 0L;
        while (!stop.IsCancellationRequested)
        {
            // Pace: never ahead of rate × elapsed.
            var due = (long)(clock.Elapsed.TotalSeconds * perSecond);
            if (sent >= due)
            {
                await Task.Delay(5, CancellationToken.None);
                continue;
            }

            var at = DateTimeOffset.UtcNow.AddSeconds(-30).ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-ddTHH:mm:ss.fffzzz");
            var due3 = DateTimeOffset.UtcNow.AddDays(3).ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-ddTHH:mm:ss.fffzzz");
            var body = new StringBuilder(BatchSize * 220);
            var completing = open;
            open = [];
            for (var i = 0; i < BatchSize; i++)
            {
                var n = next++;
                var ward = wards[n % wards.Length];
                switch (i % 10)
                {
                    case < 4:
                        open.Add(($"D{n}", ward));
                        body.Append($$"""{"id":"r{{n}}","type":"dossier.received","at":"{{at}}","unit":"{{ward}}","dossierId":"D{{n}}","procedure":"1.001612","channel":"online","fullProcessOnline":true,"onDigitalPlatform":true,"dueAt":"{{due3}}"}""");
                        break;
                    case < 8 when completing.Count > 0:
                        var (dossier, home) = completing[^1];
                        completing.RemoveAt(completing.Count - 1);
                        body.Append($$"""{"id":"c{{n}}","type":"dossier.completed","at":"{{at}}","unit":"{{home}}","dossierId":"{{dossier}}","dueAt":"{{due3}}","completedAt":"{{at}}","resultDigitized":true,"feePaidOnline":null}""");
                        break;
                    case < 9:
                        body.Append($$"""{"id":"h{{n}}","type":"hotline.call","at":"{{at}}","unit":"{{ward}}","answered":true,"waitSeconds":12,"handleSeconds":180}""");
                        break;
                    default:
                        body.Append($$"""{"id":"s{{n}}","type":"survey.response","at":"{{at}}","unit":"{{ward}}","subject":"dossier","rating":"satisfied"}""");
                        break;
                }

                body.Append('\n');
            }

            open.AddRange(completing);
            sent++;
            using var content = new StringContent(body.ToString(), Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
            try
            {
                using var response = await http.PostAsync("/api/v1/events", content, CancellationToken.None);
                if ((int)response.StatusCode == 202)
                {
                    var answer = await response.Content.ReadFromJsonAsync<JsonObject>(CancellationToken.None);
                    Interlocked.Add(ref counts.Acknowledged, answer!["accepted"]!.GetValue<long>());
                }
                else
                {
                    Interlocked.Increment(ref counts.Failed);
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref counts.Failed);
            }
        }
    }

    private static async Task<Sample> SampleAsync(HttpClient http, int pid, TimeSpan at, Counts counts)
    {
        var health = await http.GetFromJsonAsync<JsonObject>("/health");
        var process = health!["checks"]!["process"]!["data"]!;
        var open = health["checks"]!["inbox"]!["data"]!;
        return new Sample(
            at,
            Rss(pid) / 1024.0,
            process["gcHeapBytes"]!.GetValue<long>() / (1024.0 * 1024),
            open["storedEvents"]!.GetValue<long>(),
            Interlocked.Read(ref counts.Acknowledged));
    }

    /// <summary>VmRSS of a process in KiB, from /proc.</summary>
    private static long Rss(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);

    private static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static string Growth(double from, double to) => $"{from:N0} → {to:N0} MiB ({100 * (to - from) / from:+0.0;-0.0}%)";

    private static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, "--" + name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    private sealed class Counts
    {
        public long Acknowledged;
        public long Failed;
    }

    private sealed record Sample(TimeSpan At, double RssMb, double HeapMb, long Stored, long Acknowledged)
    {
        public override string ToString() =>
            $"{At.TotalMinutes,5:0.0} min: resident {RssMb,7:N0} MiB, GC heap {HeapMb,7:N0} MiB, {Stored,12:N0} events stored";
    }
}
