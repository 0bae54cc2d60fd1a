using System.Net;
using System.Net.Sockets;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace IOC.Web.Hosting;

/// <summary>
/// How this node's silo finds the others (section <c>Silo</c>; docs/cluster.md, "Membership"). Not <c>Orleans</c>: Orleans
/// reads that section itself and would take <c>Clustering</c> for its own provider setting.
/// </summary>
public sealed class SiloOptions
{
    public const string Section = "Silo";
    public const string Localhost = "localhost";
    public const string Redis = "redis";

    /// <summary><c>localhost</c> (the embedded default: one silo) or <c>redis</c> (a cluster; <c>ConnectionStrings:Cluster</c>).</summary>
    public string Clustering { get; set; } = Localhost;

    /// <summary>The silo's port (0: a free port chosen at start).</summary>
    public int SiloPort { get; set; }

    /// <summary>The address the other silos reach this one at (a cluster on several machines sets the machine's own).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Names the cluster in the membership store: several clusters may share one Redis.</summary>
    public string ClusterId { get; set; } = "ioc";

    /// <summary>How long a probe of another silo may take before it counts as missed (ms).</summary>
    public int ProbeTimeoutMilliseconds { get; set; } = 1000;

    /// <summary>Missed probes after which a silo suspects another; with two suspecting votes it is declared dead.</summary>
    public int MissedProbesLimit { get; set; } = 2;

    /// <summary>
    /// How long after a silo's estimated failure its grains may not activate elsewhere (ms): Orleans' distributed
    /// directory holds them this long in case the silo was only stalled and still runs them. Orleans' default is
    /// 30 s, which kept a dead node's units dark for ~28 s; the failure detection window (probe timeout × missed
    /// probes) is subtracted from it (docs/cluster.md, "Membership").
    /// </summary>
    public int DirectoryLeaseMilliseconds { get; set; } = 5000;

    /// <summary>
    /// Spread the grains across the nodes (a cluster only): Orleans places a grain where it is first called and the first
    /// node activates every unit before the others join, so without this one node holds them all until it dies, and a
    /// restarted node holds none. Orleans' activation rebalancer moves activations from the fullest nodes to the emptiest
    /// (docs/cluster.md, "Where the units live").
    /// </summary>
    public bool Rebalance { get; set; } = true;

    /// <summary>Seconds after a node starts before the rebalancer's first session.</summary>
    public int RebalanceAfterSeconds { get; set; } = 60;

    /// <summary>Seconds between two rebalancing steps of a session (at least 2: the nodes' load reports come every second).</summary>
    public int RebalanceCycleSeconds { get; set; } = 15;
}

public static class SiloExtensions
{
    /// <summary>
    /// Co-hosts one Orleans silo in this process. The embedded default: localhost clustering on 127.0.0.1 only. A
    /// cluster: membership in Redis through Orleans' own provider, probes tuned so that a dead node is declared dead in
    /// a few seconds (docs/cluster.md, "Membership"). No client gateway either way (the web front calls the grains
    /// in-process), and the Orleans dashboard's data for <see cref="DashboardPath"/>.
    /// </summary>
    public static IHostApplicationBuilder AddIocSilo(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        var port = options.SiloPort > 0 ? options.SiloPort : FreeLoopbackPort();
        builder.UseOrleans(silo =>
        {
            switch (options.Clustering.ToLowerInvariant())
            {
                case SiloOptions.Localhost:
                    silo.UseLocalhostClustering(siloPort: port, gatewayPort: 0, serviceId: "ioc", clusterId: options.ClusterId);
                    silo.Configure<EndpointOptions>(e => e.SiloListeningEndpoint = new IPEndPoint(IPAddress.Loopback, port));
                    break;
                case SiloOptions.Redis:
                    UseRedis(silo, builder.Configuration, options, port);
                    break;
                default:
                    throw new InvalidOperationException(
                        $"Silo:Clustering is '{options.Clustering}'; it must be '{SiloOptions.Localhost}' or '{SiloOptions.Redis}'.");
            }

            silo.AddDashboard();
        });
        return builder;
    }

    private static void UseRedis(ISiloBuilder silo, IConfiguration configuration, SiloOptions options, int port)
    {
        var redis = configuration.GetConnectionString("Cluster") is { Length: > 0 } connection
            ? connection
            : throw new InvalidOperationException("Silo:Clustering is redis but ConnectionStrings:Cluster (ConnectionStrings__Cluster) is empty.");
        if (!IPAddress.TryParse(options.AdvertisedAddress, out var address))
        {
            throw new InvalidOperationException($"Silo:AdvertisedAddress '{options.AdvertisedAddress}' is not an IP address.");
        }

        silo.UseRedisClustering(redis);

        // The default directory can briefly keep two activations of one grain while silos join or leave; two
        // activations of a unit would both fold and forward to the city. The distributed directory keeps one, at the
        // price of a short pause in activations while the membership changes (docs/cluster.md, "Membership").
#pragma warning disable ORLEANSEXP003
        silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
        silo.Configure<ClusterOptions>(c =>
        {
            c.ClusterId = options.ClusterId;
            c.ServiceId = "ioc";
        });
        silo.Configure<EndpointOptions>(e =>
        {
            e.AdvertisedIPAddress = address;
            e.SiloPort = port;
            e.GatewayPort = 0;
            e.SiloListeningEndpoint = new IPEndPoint(address, port);
        });

        // The defaults notice a dead silo after about 20 s; these after 2-3 s here (docs/cluster.md, "Membership").
        silo.Configure<ClusterMembershipOptions>(m =>
        {
            m.ProbeTimeout = TimeSpan.FromMilliseconds(Math.Max(100, options.ProbeTimeoutMilliseconds));
            m.NumMissedProbesLimit = Math.Max(1, options.MissedProbesLimit);
        });
        silo.Configure<GrainDirectoryOptions>(d => d.RangeLeaseDuration = TimeSpan.FromMilliseconds(Math.Max(0, options.DirectoryLeaseMilliseconds)));
        if (options.Rebalance)
        {
            AddRebalancer(silo, options);
        }
    }

    /// <summary>
    /// A moved unit saves its checkpoint as it deactivates and rebuilds on its new node from that and its inbox tail, as
    /// after any deactivation. What must not move says so itself (<c>[Immovable]</c>: the roll-ups and the observer
    /// registries, each with its reason).
    /// </summary>
    private static void AddRebalancer(ISiloBuilder silo, SiloOptions options)
    {
        if (options.RebalanceAfterSeconds < 0 || options.RebalanceCycleSeconds < 2)
        {
            throw new InvalidOperationException(
                $"Silo:RebalanceAfterSeconds is {options.RebalanceAfterSeconds} and Silo:RebalanceCycleSeconds {options.RebalanceCycleSeconds}; " +
                "the first must be 0 or more and the second 2 or more (the nodes report their load every second).");
        }

#pragma warning disable ORLEANSEXP002
        silo.AddActivationRebalancer();
#pragma warning restore ORLEANSEXP002
        silo.Configure<ActivationRebalancerOptions>(r =>
        {
            r.RebalancerDueTime = TimeSpan.FromSeconds(options.RebalanceAfterSeconds);
            r.SessionCyclePeriod = TimeSpan.FromSeconds(options.RebalanceCycleSeconds);
        });
    }

    public const string DashboardPath = "/ops/orleans";

    /// <summary>The Orleans dashboard for operators.</summary>
    public static IEndpointRouteBuilder MapIocOperations(this IEndpointRouteBuilder app)
    {
        app.MapOrleansDashboard(routePrefix: DashboardPath);
        return app;
    }

    /// <summary>A port free now on 127.0.0.1 (the OS picks it), so that several instances and tests never collide.</summary>
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
