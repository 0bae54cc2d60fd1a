using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IOC.Domain.Events;
using IOC.Domain.Seed;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Ingestion.Parsing;
using IOC.Ingestion.Simulation;
using IOC.Testing.Hosting;
using Microsoft.AspNetCore.SignalR.Client;

namespace IOC.Bench;

/// <summary>
/// The whole country on one node (issue 14): the real server with <c>Ioc:Province=country</c> (3,321 communes, 34
/// provinces, the country, Hanoi's agencies, all active after the warm-up), fed the simulator's national traffic of a
/// weekday morning replayed in real time at a peak rate, then at ten times that rate. Throughout, a probe commune gets
/// only probe events and a hub client measures the time from each probe's 202 to its update (freshness), while
/// wallboard clients hold the country's and the 34 provinces' groups. Every phase reports the rate achieved, p50/p99
/// freshness, the server's CPU share of the machine, resident memory and GC heap, and memory per unit; with a
/// baseline, a Hanoi server's idle memory gives the marginal memory of a unit.
/// </summary>
/// <remarks>
/// The events are generated while the benchmark runs (ten minutes at 30,000 events/s would not fit in memory) and
/// shifted in time so their <c>at</c> is a few seconds ago: the live figures of today move as they would at a real
/// peak. The server runs in the Development environment only so the hub accepts an anonymous viewer (Production
/// needs a signed-in account), with logging at Warning as in Production. Options: <c>--fill</c> runs the peak until
/// the country's open work levels off before the measured phases (the soak's steady state); <c>--max-open N</c> caps
/// the generator's open work (default 1,000,000, the simulator's); <c>--server-env NAME=VALUE</c> (repeatable) sets
/// the server's environment, e.g. a GC setting to compare.
/// </remarks>
public static class CountryBenchmark
{
    private const string Key = "bench-country-key";

    public static async Task<int> RunAsync(string[] args)
    {
        var peakRate = Number(args, "peak-rate", 3000);
        var peakMinutes = Number(args, "peak-minutes", 10);
        var tenxMinutes = Number(args, "tenx-minutes", 10);
        var factor = Number(args, "factor", 10);
        var wallboards = (int)Number(args, "clients", 5);
        var sampleSeconds = Number(args, "sample-seconds", 30);
        var baseline = !args.Contains("--no-baseline");
        var fill = args.Contains("--fill");
        var fillMaxMinutes = Number(args, "fill-max-minutes", 40);
        var maxOpen = (int)Number(args, "max-open", 1_000_000);

        // Settings for the national server's process (NAME=VALUE, repeatable): e.g. a GC setting to compare.
        var serverEnv = args.Select((a, i) => (a, i)).Where(x => x.a == "--server-env" && x.i + 1 < args.Length)
            .Select(x => args[x.i + 1].Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
        var units = SeedData.LoadUnits(SeedData.Locate(), DeploymentScope.Country);
        var unitCount = units.All.Count() + units.DirectWorks.Count();
        Console.WriteLine($"country: {units.Wards.Count:N0} communes, {units.Provinces.Count} provinces, {units.Agencies.Count} agencies, the country " +
                          $"({unitCount:N0} grains with the provinces' direct work); peak {peakRate:N0} events/s for {peakMinutes} min, then {factor}× for {tenxMinutes} min; " +
                          $"{Environment.ProcessorCount} cores, load {Load()}");

        double? hanoiIdle = null;
        if (baseline)
        {
            using var hanoi = await StartAsync("01");
            await Task.Delay(TimeSpan.FromSeconds(15));
            hanoiIdle = HubBench.Memory(hanoi.Pid).Rss;
            Console.WriteLine($"baseline: Hanoi deployment (126 communes, 4 agencies) idle after warm-up: resident {hanoiIdle:N0} MiB");
        }

        var started = Stopwatch.StartNew();
        using var server = await StartAsync("country", serverEnv);
        Console.WriteLine(serverEnv.Count == 0 ? "server settings: the product's" : "server settings: " + string.Join(", ", serverEnv.Select(kv => $"{kv.Key}={kv.Value}")));
        Console.WriteLine($"national server pid {server.Pid} answered /health after {started.Elapsed.TotalSeconds:N0} s (every unit activated before it listens)");
        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        await Task.Delay(TimeSpan.FromSeconds(15));
        var idle = await SampleAsync(http, server.Pid);
        Console.WriteLine($"idle: resident {idle.RssMb:N0} MiB, GC heap {idle.HeapMb:N0} MiB: {idle.RssMb * 1024 / unitCount:N0} KiB resident per grain" +
                          (hanoiIdle is { } h ? $"; marginal {(idle.RssMb - h) * 1024 / (unitCount - 132):N1} KiB per unit over the Hanoi deployment" : ""));

        var probe = units.Wards[0];
        await using var probeHub = HubBench.Hub(server.Address);
        var freshness = new Probe(probe.Code);
        probeHub.On<string, JsonElement>("update", freshness.OnUpdate);
        await probeHub.StartAsync();
        foreach (var group in new[] { "ward:" + probe.Code, "country", "province:" + units.ProvinceOf(probe.Key)!.Code })
        {
            await probeHub.InvokeAsync("Subscribe", group);
        }

        var boards = new List<HubConnection>();
        long boardUpdates = 0;
        for (var i = 0; i < wallboards; i++)
        {
            var board = HubBench.Hub(server.Address);
            board.On<string, JsonElement>("update", (_, _) => Interlocked.Increment(ref boardUpdates));
            await board.StartAsync();
            foreach (var group in units.Provinces.Select(p => "province:" + p.Code).Prepend("city"))
            {
                await board.InvokeAsync("Subscribe", group);
            }

            boards.Add(board);
        }

        Console.WriteLine($"hub: 1 probe client (ward:{probe.Code}, its province, country), {wallboards} wallboard clients (city + 34 province groups)");

        // A Wednesday morning 08:00 in Vietnam, a few weeks back: the whole run stays inside the 7:30–11:30 peak.
        var today = VietnamTime.LocalDate(DateTimeOffset.UtcNow);
        var wednesday = today.AddDays(-21 - (((int)today.DayOfWeek - (int)DayOfWeek.Wednesday + 7) % 7));
        var simStart = VietnamTime.StartOfDay(wednesday).AddHours(8);
        var phases = new List<(string Name, double Rate, double Minutes)>();
        if (fill)
        {
            phases.Add(("fill", peakRate, fillMaxMinutes));
        }

        phases.Add(("peak", peakRate, peakMinutes));
        if (tenxMinutes > 0)
        {
            phases.Add(($"{factor}x", peakRate * factor, tenxMinutes));
        }

        var acknowledged = new Counter();
        var results = new List<string>();
        var seed = 14;
        TrafficGenerator? previous = null;
        foreach (var (name, rate, minutes) in phases)
        {
            // The peak after the fill goes on with the fill's generator: the work it left open finishes as planned.
            var generator = previous?.EventsPerSecond == rate / TrafficScale.PeakRatio ? previous : new TrafficGenerator(units, seed++, rate / TrafficScale.PeakRatio, maxOpen);
            previous = generator;
            freshness.Reset();
            var cpuBefore = CpuSeconds(server.Pid);
            var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
            var clock = Stopwatch.StartNew();
            var phaseStarted = HubBench.Clock.Elapsed;
            using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(minutes));
            var ackedBefore = acknowledged.Value;
            var load = ReplayAsync(http, generator, simStart, probe.Code, acknowledged, stop.Token);
            var probing = freshness.RunAsync(http, stop.Token);
            var samples = new List<Sample>();
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(sampleSeconds), stop.Token);
                }
                catch (OperationCanceledException)
                {
                }

                var sample = await SampleAsync(http, server.Pid);
                samples.Add(sample);
                if (name == "fill" && Steady(samples))
                {
                    stop.Cancel();
                }

                Console.WriteLine($"  {name} {clock.Elapsed.TotalMinutes,5:0.0} min: resident {sample.RssMb,6:N0} MiB, GC heap {sample.HeapMb,6:N0} MiB (live after the last full GC {sample.LiveMb:N0}, {sample.Gen2} gen2 GCs), " +
                                  $"{sample.Stored,11:N0} stored, {acknowledged.Value,11:N0} acknowledged, wallboard updates {Interlocked.Read(ref boardUpdates):N0}, " +
                                  $"hub pending {sample.HubPending:N0}, history pending {sample.HistoryPending:N0}, open items {sample.OpenItems:N0}, load {Load()}");
            }

            var (generated, lateSeconds, through) = await load;
            await probing;
            simStart = through;
            var elapsed = clock.Elapsed.TotalSeconds;
            var cpu = (CpuSeconds(server.Pid) - cpuBefore) / elapsed / Environment.ProcessorCount;
            var benchCpu = (Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - benchCpuBefore) / elapsed / Environment.ProcessorCount;
            var achieved = (acknowledged.Value - ackedBefore) / elapsed;
            var latencies = freshness.Latencies;
            var last = samples.Count > 0 ? samples[^1] : await SampleAsync(http, server.Pid);
            var fiveMinutes = samples.FirstOrDefault(s => s.At - phaseStarted >= TimeSpan.FromMinutes(5));
            var line = $"{name}: asked {rate:N0}/s, generated {generated / elapsed:N0}/s, acknowledged {achieved:N0}/s (replay fell {lateSeconds:N0} s behind); " +
                       (latencies.Count > 0
                           ? $"freshness p50 {HubBench.Percentile(latencies, 50):N0} ms, p99 {HubBench.Percentile(latencies, 99):N0} ms, max {latencies.Max():N0} ms over {latencies.Count} probes, {freshness.Lost} lost; "
                           : $"no probe arrived ({freshness.Lost} lost); ") +
                       $"server CPU {cpu:P0} of {Environment.ProcessorCount} cores (this load generator {benchCpu:P0}); resident {last.RssMb:N0} MiB ({last.RssMb * 1024 / unitCount:N0} KiB per grain), GC heap {last.HeapMb:N0} MiB" +
                       (fiveMinutes is not null && samples.Count > 1 ? $"; resident after 5 min {fiveMinutes.RssMb:N0} → end {last.RssMb:N0} MiB ({100 * (last.RssMb - fiveMinutes.RssMb) / fiveMinutes.RssMb:+0.0;-0.0}%)" : "") +
                       (fiveMinutes is not null && last.OpenItems > fiveMinutes.OpenItems
                           ? $", GC heap {fiveMinutes.HeapMb:N0} → {last.HeapMb:N0} MiB while open items went {fiveMinutes.OpenItems:N0} → {last.OpenItems:N0} ({(last.HeapMb - fiveMinutes.HeapMb) * 1024 * 1024 / (last.OpenItems - fiveMinutes.OpenItems):N0} bytes of heap per item opened)"
                           : "") +
                       $"; hub pending max {samples.Max(x => x.HubPending):N0}, history pending at the end {last.HistoryPending:N0}";
            Console.WriteLine(line);
            results.Add(line);
        }

        // Every acknowledged event is in the inbox (the probes too), once the writer is idle.
        var drained = Stopwatch.StartNew();
        Sample end;
        do
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            end = await SampleAsync(http, server.Pid);
        }
        while (end.Stored < acknowledged.Value + freshness.Sent && drained.Elapsed < TimeSpan.FromMinutes(2));

        foreach (var board in boards)
        {
            await board.DisposeAsync();
        }

        Console.WriteLine($"stored {end.Stored:N0} of {acknowledged.Value:N0} acknowledged events + {freshness.Sent:N0} probes; wallboard clients got {Interlocked.Read(ref boardUpdates):N0} updates; load {Load()}");
        Console.WriteLine("summary:");
        results.ForEach(r => Console.WriteLine("  " + r));
        return end.Stored >= acknowledged.Value + freshness.Sent ? 0 : 1;
    }

    private static Task<AppProcess> StartAsync(string scope, IReadOnlyDictionary<string, string>? extra = null) => AppProcess.StartAsync(new AppProcessOptions
    {
        Configuration = "Release",
        Timeout = TimeSpan.FromMinutes(5),
        Settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Serilog__MinimumLevel__Default"] = "Warning",
            ["Ioc__Province"] = scope,
            ["Ingestion__ApiKeys__0"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key))),

            // One national producer posting ten batches a second plus the probes, more while it catches up: the default
            // 1,200 requests a minute per key (a province's producer) would refuse it with 429.
            ["Access__RateLimits__IngestionPerMinute"] = "100000",
        }.Concat(extra ?? new Dictionary<string, string>()).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value),
    });

    /// <summary>
    /// Posts the generator's events in real time, one batch per 100 ms of simulated time (up to four in flight), each
    /// shifted so it happened a few seconds ago, without the probe's commune. A producer task generates and serialises
    /// up to 5 s ahead, so generating and posting use both cores. Returns how many were generated and how far the
    /// replay fell behind real time at worst.
    /// </summary>
    /// <summary>
    /// Whether the country's open work has levelled off: under 1% more over each of the last two samples. A deployment
    /// that has run for days holds its open dossiers and tickets at such a level (what opens, closes); starting from
    /// none, they grow for the first twenty minutes or so, and with them the heap, which the soak must not mistake for
    /// a leak.
    /// </summary>
    private static bool Steady(List<Sample> samples) =>
        samples.Count >= 3 && Enumerable.Range(samples.Count - 2, 2).All(i => samples[i].OpenItems <= samples[i - 1].OpenItems * 1.01);

    /// <returns>The events generated, how far the replay fell behind, and the simulated instant the generator reached.</returns>
    private static async Task<(long Generated, double LateSeconds, DateTimeOffset Through)> ReplayAsync(
        HttpClient http, TrafficGenerator generator, DateTimeOffset simStart, string probe, Counter acknowledged, CancellationToken stop)
    {
        var shift = DateTimeOffset.UtcNow.AddSeconds(-5) - simStart;
        var ahead = System.Threading.Channels.Channel.CreateBounded<(int Tenth, byte[]? Body, int Count)>(50);
        long generated = 0;
        var through = simStart;
        var producer = Task.Run(async () =>
        {
            for (var tenth = 0; !stop.IsCancellationRequested; tenth++)
            {
                var from = simStart.AddMilliseconds(100 * tenth);
                through = from.AddMilliseconds(100);
                var events = generator.Generate(from, from.AddMilliseconds(100)).Where(e => e.Unit != probe).Select(e => Shift(e, shift)).ToList();
                await ahead.Writer.WriteAsync((tenth, events.Count == 0 ? null : EventJson.ToNdjson(events), events.Count), CancellationToken.None);
            }

            ahead.Writer.Complete();
        });

        var inFlight = new SemaphoreSlim(4);
        var posts = new List<Task>();
        var clock = Stopwatch.StartNew();
        var late = 0.0;
        await foreach (var (tenth, body, count) in ahead.Reader.ReadAllAsync(CancellationToken.None))
        {
            if (stop.IsCancellationRequested)
            {
                // Generated ahead and never sent (at most 5 s of traffic): a next phase with the same generator goes on
                // after them, so their completions later close dossiers the server never saw open (a handful of
                // thousands among millions; the open-item count is what the soak watches, and it is not raised by them).
                continue;
            }

            var due = TimeSpan.FromMilliseconds(100 * tenth) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, CancellationToken.None);
            }
            else
            {
                late = Math.Max(late, -due.TotalSeconds);
            }

            generated += count;
            if (body is null)
            {
                continue;
            }

            await inFlight.WaitAsync(CancellationToken.None);
            posts.Add(Task.Run(async () =>
            {
                try
                {
                    using var content = new ByteArrayContent(body);
                    content.Headers.ContentType = new("application/x-ndjson");
                    using var response = await http.PostAsync("/api/v1/events", content);
                    if ((int)response.StatusCode == 202)
                    {
                        var answer = await response.Content.ReadFromJsonAsync<JsonObject>();
                        acknowledged.Add(answer!["accepted"]!.GetValue<long>());
                    }
                    else
                    {
                        Console.WriteLine($"  POST /api/v1/events: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    Console.WriteLine($"  POST /api/v1/events failed: {ex.GetType().Name}: {ex.Message}");
                }
                finally
                {
                    inFlight.Release();
                }
            }));
            posts.RemoveAll(p => p.IsCompleted);
        }

        await producer;
        await Task.WhenAll(posts);
        return (generated, late, through);
    }

    /// <summary>The same event moved in time by <paramref name="by"/>: every time it carries moves together.</summary>
    private static IocEvent Shift(IocEvent e, TimeSpan by) => e switch
    {
        DossierReceived r => r with { At = r.At + by, DueAt = r.DueAt + by },
        DossierCompleted c => c with { At = c.At + by, DueAt = c.DueAt + by, CompletedAt = c.CompletedAt + by },
        TicketOpened o => o with { At = o.At + by, DueAt = o.DueAt + by },
        TicketResolved t => t with { At = t.At + by, DueAt = t.DueAt + by, ResolvedAt = t.ResolvedAt + by },
        _ => e with { At = e.At + by },
    };

    private static async Task<Sample> SampleAsync(HttpClient http, int pid)
    {
        var health = await http.GetFromJsonAsync<JsonObject>("/health");
        var checks = health!["checks"]!;
        var process = checks["process"]!["data"]!;
        var inbox = checks["inbox"]!["data"]!;
        var hub = checks["hub"]!["data"]!;
        var history = checks["history"]!["data"]!;
        var country = (await http.GetFromJsonAsync<JsonObject>("/api/v1/kpi/country?window=today"))!["kpis"]!;
        return new Sample(
            HubBench.Clock.Elapsed,
            HubBench.Memory(pid).Rss,
            process["gcHeapBytes"]!.GetValue<long>() / (1024.0 * 1024),
            process["gcLiveAfterFullBytes"]!.GetValue<long>() / (1024.0 * 1024),
            process["gen2Collections"]!.GetValue<int>(),
            inbox["storedEvents"]!.GetValue<long>(),
            hub["pendingMessages"]!.GetValue<int>(),
            history["unsavedChanges"]!.GetValue<long>() + (history["bufferedPoints"]?.GetValue<long>() ?? 0),
            (long)(country["dossier.openPending"]!["value"]!.GetValue<double>() + country["hotline.openTickets"]!["value"]!.GetValue<double>()));
    }

    /// <summary>User + system CPU seconds of a process so far, from /proc/{pid}/stat (fields 14 and 15, in clock ticks of 1/100 s).</summary>
    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static double Number(string[] args, string name, double fallback)
    {
        var i = Array.IndexOf(args, "--" + name);
        return i >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <param name="HubPending">Hub messages waiting for their clients (bounded: at most one per client and group).</param>
    /// <param name="HistoryPending">Unit changes not yet saved plus points buffered for the history store.</param>
    /// <param name="OpenItems">The country's open dossiers and tickets: state a morning rightly accumulates.</param>
    private sealed record Sample(TimeSpan At, double RssMb, double HeapMb, double LiveMb, int Gen2, long Stored, int HubPending, long HistoryPending, long OpenItems);

    private sealed class Counter
    {
        private long _value;

        public long Value => Interlocked.Read(ref _value);

        public void Add(long n) => Interlocked.Add(ref _value, n);
    }

    /// <summary>Probe events to one commune, one at a time, and the time from each 202 to the hub's update showing it.</summary>
    private sealed class Probe(string ward)
    {
        private readonly Lock _gate = new();
        private (double Expected, TaskCompletionSource<TimeSpan> Arrived) _waiting = (double.MaxValue, new());
        private int _n;

        public List<double> Latencies { get; private set; } = [];

        public int Lost { get; private set; }

        public long Sent { get; private set; }

        public void Reset()
        {
            Latencies = [];
            Lost = 0;
        }

        public void OnUpdate(string group, JsonElement payload)
        {
            if (group == "ward:" + ward && HubBench.Kpi(payload, "dossier.received") is { } value)
            {
                var now = HubBench.Clock.Elapsed;
                lock (_gate)
                {
                    if (value >= _waiting.Expected)
                    {
                        _waiting.Arrived.TrySetResult(now);
                    }
                }
            }
        }

        public async Task RunAsync(HttpClient http, CancellationToken stop)
        {
            var random = new Random(_n);
            while (!stop.IsCancellationRequested)
            {
                var n = ++_n;
                var arrived = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
                lock (_gate)
                {
                    _waiting = (n, arrived);
                }

                await HubBench.PostAsync(http, Event(n));
                Sent++;
                var acknowledged = HubBench.Clock.Elapsed;
                try
                {
                    var at = await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
                    Latencies.Add(Math.Max(0, (at - acknowledged).TotalMilliseconds));
                }
                catch (TimeoutException)
                {
                    Lost++;
                }

                // A random pause so probes fall at every phase of the publisher's 250 ms tick.
                await Task.Delay(200 + random.Next(300), CancellationToken.None);
            }
        }

        private byte[] Event(int n)
        {
            var at = DateTimeOffset.UtcNow.AddSeconds(-1).ToOffset(VietnamTime.Offset);
            return Encoding.UTF8.GetBytes(
                $"{{\"id\":\"country-probe-{n}\",\"type\":\"dossier.received\",\"at\":\"{at:yyyy-MM-ddTHH:mm:ss.fffzzz}\",\"unit\":\"{ward}\"," +
                $"\"dossierId\":\"CP-{n}\",\"procedure\":\"1.001612\",\"channel\":\"online\",\"fullProcessOnline\":false," +
                $"\"onDigitalPlatform\":true,\"dueAt\":\"{at.AddDays(3):yyyy-MM-ddTHH:mm:ss.fffzzz}\"}}\n");
        }
    }
}
