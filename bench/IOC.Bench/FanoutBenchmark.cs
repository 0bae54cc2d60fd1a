using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace IOC.Bench;

/// <summary>
/// Fan-out: N hub clients on 127.0.0.1 (default 1,000), each subscribed to <c>city</c> and one ward group (wards
/// dealt round-robin). Each round posts one dossier per ward; the delay of a delivery is the time from that post's
/// 202 to the update showing it, at each client, for both groups. Server memory is the child's RSS.
/// </summary>
public static class FanoutBenchmark
{
    private const int Rounds = 10;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var wards = BenchOptions.Units().Wards.Select(w => w.Code).ToArray();
        Console.WriteLine($"fanout: {options.Clients:N0} clients x (city + 1 ward), {Rounds} rounds of {wards.Length} events per run");
        var p50s = new List<double>();
        var p99s = new List<double>();
        var rss = new List<double>();
        for (var run = 0; run <= options.Runs; run++)
        {
            using var server = await HubBench.StartServerAsync();
            var idle = HubBench.Memory(server.Pid);
            var clients = await ConnectAsync(server.Address, options.Clients, wards);
            var connected = HubBench.Memory(server.Pid);
            var (delays, lost) = await MeasureAsync(server.Address, clients, wards, run);
            var end = HubBench.Memory(server.Pid);
            await Task.WhenAll(clients.Select(c => c.Connection.DisposeAsync().AsTask()));

            var (p50, p99) = (HubBench.Percentile(delays, 50), HubBench.Percentile(delays, 99));
            Console.WriteLine($"run {run}{(run == 0 ? " (warm-up)" : "")}: {delays.Count:N0} deliveries, {lost} lost, p50 {p50:N0} ms, p99 {p99:N0} ms, max {delays.Max():N0} ms; " +
                $"server RSS {idle.Rss:N0} MiB idle, {connected.Rss:N0} MiB connected, {end.Rss:N0} MiB after rounds, peak {end.Peak:N0} MiB");
            if (run > 0)
            {
                p50s.Add(p50);
                p99s.Add(p99);
                rss.Add(end.Rss);
            }
        }

        Console.WriteLine($"fanout p50: runs {HubBench.Line(p50s)} ms; median {BenchOptions.Median(p50s):N0} ms");
        Console.WriteLine($"fanout p99: runs {HubBench.Line(p99s)} ms; median {BenchOptions.Median(p99s):N0} ms");
        Console.WriteLine($"fanout server RSS after rounds: runs {HubBench.Line(rss)} MiB; median {BenchOptions.Median(rss):N0} MiB");
        return 0;
    }

    private static async Task<FanClient[]> ConnectAsync(Uri address, int count, string[] wards)
    {
        var clients = Enumerable.Range(0, count).Select(i => new FanClient(HubBench.Hub(address), "ward:" + wards[i % wards.Length])).ToArray();
        using var parallel = new SemaphoreSlim(32);
        await Task.WhenAll(clients.Select(async client =>
        {
            await parallel.WaitAsync();
            try
            {
                await client.Connection.StartAsync();
                await client.Connection.InvokeAsync("Subscribe", "city");
                await client.Connection.InvokeAsync("Subscribe", client.Ward);
            }
            finally
            {
                parallel.Release();
            }
        }));
        return clients;
    }

    private static async Task<(List<double> Delays, int Lost)> MeasureAsync(Uri address, FanClient[] clients, string[] wards, int run)
    {
        using var http = HubBench.Producer(address);
        var delays = new List<double>();
        var lost = 0;
        for (var round = 1; round <= Rounds; round++)
        {
            var target = new RoundTarget(round * wards.Length, round, clients.Length * 2);
            foreach (var client in clients)
            {
                client.Target = target;
            }

            await HubBench.PostAsync(http, OnePerWard(wards, run, round));
            var acknowledged = HubBench.Clock.Elapsed;
            await Task.WhenAny(target.AllArrived.Task, Task.Delay(TimeSpan.FromSeconds(10)));
            foreach (var client in clients)
            {
                foreach (var at in new[] { client.CityAt, client.WardAt })
                {
                    if (at is { } arrived)
                    {
                        delays.Add(Math.Max(0, (arrived - acknowledged).TotalMilliseconds));
                    }
                    else
                    {
                        lost++;
                    }
                }
            }

            await Task.Delay(500);
        }

        return (delays, lost);
    }

    private static byte[] OnePerWard(string[] wards, int run, int round)
    {
        var at = DateTimeOffset.UtcNow.AddSeconds(-1).ToOffset(TimeSpan.FromHours(7));
        var text = new StringBuilder();
        foreach (var ward in wards)
        {
            text.Append($"{{\"id\":\"fan-{run}-{round}-{ward}\",\"type\":\"dossier.received\",\"at\":\"{at:yyyy-MM-ddTHH:mm:ss.fffzzz}\",\"unit\":\"{ward}\",")
                .Append($"\"dossierId\":\"F-{run}-{round}-{ward}\",\"procedure\":\"1.001612\",\"channel\":\"online\",\"fullProcessOnline\":false,")
                .Append($"\"onDigitalPlatform\":true,\"dueAt\":\"{at.AddDays(3):yyyy-MM-ddTHH:mm:ss.fffzzz}\"}}\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>What a round waits for: the city's and each ward's dossier count after its post.</summary>
    private sealed class RoundTarget(double city, double ward, int deliveries)
    {
        private int _remaining = deliveries;

        public double City { get; } = city;

        public double Ward { get; } = ward;

        public TaskCompletionSource AllArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Arrived()
        {
            if (Interlocked.Decrement(ref _remaining) == 0)
            {
                AllArrived.TrySetResult();
            }
        }
    }

    private sealed class FanClient
    {
        private RoundTarget? _target;

        public FanClient(HubConnection connection, string ward)
        {
            Connection = connection;
            Ward = ward;
            connection.On<string, JsonElement>("update", OnUpdate);
        }

        public HubConnection Connection { get; }

        public string Ward { get; }

        public TimeSpan? CityAt { get; private set; }

        public TimeSpan? WardAt { get; private set; }

        public RoundTarget? Target
        {
            set
            {
                lock (this)
                {
                    (_target, CityAt, WardAt) = (value, null, null);
                }
            }
        }

        private void OnUpdate(string group, JsonElement payload)
        {
            var now = HubBench.Clock.Elapsed;
            var value = HubBench.Kpi(payload, "dossier.received");
            lock (this)
            {
                if (_target is null || value is null)
                {
                    return;
                }

                if (group == "city" && CityAt is null && value >= _target.City)
                {
                    CityAt = now;
                    _target.Arrived();
                }
                else if (group == Ward && WardAt is null && value >= _target.Ward)
                {
                    WardAt = now;
                    _target.Arrived();
                }
            }
        }
    }
}
