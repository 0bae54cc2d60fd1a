using System.Diagnostics;
using IOC.Live.Hub;
using IOC.Live.Tests.Client;
using Microsoft.Extensions.DependencyInjection;

namespace IOC.Live.Tests.Hub;

/// <summary>
/// The app on a real 127.0.0.1 port (WebSockets need one) with its own empty inbox, a producer, and the hub
/// clients a test opened (closed at the end). One per test, so figures can be asserted exactly.
/// </summary>
public class LiveServer : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _clients = [];

    public LiveServer(IocWebFactory? factory = null)
    {
        Factory = factory ?? new IocWebFactory();
        Address = Factory.StartOnLoopback();
        Producer = Factory.CreateProducer();
    }

    public static DateTimeOffset Now => TestClock.RecentToday(1);

    public IocWebFactory Factory { get; }

    public Uri Address { get; }

    public HttpClient Producer { get; }

    public KpiBroadcaster Broadcaster => Factory.Services.GetRequiredService<KpiBroadcaster>();

    public async Task<HubTestClient> ConnectAsync()
    {
        var client = await HubTestClient.ConnectAsync(Address);
        _clients.Add(client);
        return client;
    }

    /// <summary>Polls a condition the server reaches on its own (no message to wait for), failing after a timeout.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Not within {timeout}: {what}");
            }

            await Task.Delay(50);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        Producer.Dispose();
        await Factory.DisposeAsync();
    }
}
