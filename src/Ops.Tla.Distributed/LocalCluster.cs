using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Ops.Tla.Distributed;

/// <summary>
/// A cluster of silos in this process, joined over TCP on 127.0.0.1 (Orleans' localhost clustering: the first silo
/// keeps the membership table). What <c>ops check-distributed</c> starts when it is not given a cluster to join; each
/// silo listens on its own free ports, so several clusters may run on one machine.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly List<IHost> _hosts = new();

    private LocalCluster() { }

    /// <summary>The silos' endpoints (silo port, gateway port), the first the primary.</summary>
    public IReadOnlyList<(int SiloPort, int GatewayPort)> Endpoints { get; private set; }

    /// <summary>The grain factory of the first silo: where the coordinator calls the partitions from.</summary>
    public IGrainFactory Grains => _hosts[0].Services.GetRequiredService<IGrainFactory>();

    /// <summary>Starts <paramref name="silos"/> silos (the primary first, then the others joining it together).</summary>
    public static async Task<LocalCluster> StartAsync(int silos, CancellationToken cancellation = default)
    {
        if (silos < 1) throw new ArgumentOutOfRangeException(nameof(silos), "at least one silo");
        var cluster = new LocalCluster();
        var clusterId = "ops-" + Guid.NewGuid().ToString("N")[..8];
        var ports = FreePorts(2 * silos);
        cluster.Endpoints = Enumerable.Range(0, silos).Select(i => (ports[2 * i], ports[2 * i + 1])).ToList();
        var primary = new IPEndPoint(IPAddress.Loopback, ports[0]);
        try
        {
            // The primary first (it keeps the membership table), then the others together.
            for (int i = 0; i < silos; i++)
                cluster._hosts.Add(BuildSilo(ports[2 * i], ports[2 * i + 1], i == 0 ? null : primary, clusterId));
            await cluster._hosts[0].StartAsync(cancellation);
            await Task.WhenAll(cluster._hosts.Skip(1).Select(h => h.StartAsync(cancellation)));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    /// <summary>One silo host on 127.0.0.1 (<paramref name="primary"/> null: it is the primary).</summary>
    public static IHost BuildSilo(int siloPort, int gatewayPort, IPEndPoint primary, string clusterId) =>
        new HostBuilder()
            .UseOrleans(silo =>
            {
                silo.UseLocalhostClustering(siloPort, gatewayPort, primary, "ops-distributed", clusterId);
                Configure(silo.Services);
            })
            .Build();

    /// <summary>The silo options a search needs: calls that last as long as a level does.</summary>
    public static void Configure(IServiceCollection services)
    {
        services.Configure<SiloMessagingOptions>(o =>
        {
            o.ResponseTimeout = TimeSpan.FromHours(6);
            o.SystemResponseTimeout = TimeSpan.FromMinutes(5);
        });
    }

    /// <summary>How long <see cref="ConnectAsync"/> waits for the cluster to answer.</summary>
    public static TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>A client of a cluster running elsewhere on 127.0.0.1 (silos of <c>ops silo</c>): its gateways'
    /// ports and the cluster's id. Dispose the host to disconnect.</summary>
    public static async Task<(IHost Host, IGrainFactory Grains)> ConnectAsync(int[] gatewayPorts, string clusterId, CancellationToken cancellation = default)
    {
        var host = new HostBuilder()
            .UseOrleansClient(client =>
            {
                client.UseLocalhostClustering(gatewayPorts, "ops-distributed", clusterId);
                client.Services.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromHours(6));
            })
            .Build();
        // The client retries its gateways until it gets the cluster's manifest: bounded, so that no silo there is an error.
        using var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        connect.CancelAfter(ConnectTimeout);
        try
        {
            await host.StartAsync(connect.Token);
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested && e is OperationCanceledException or OrleansException or TimeoutException)
        {
            host.Dispose();
            throw new DistributedSearchException(
                $"no silo of cluster '{clusterId}' answered on 127.0.0.1 port(s) {string.Join(",", gatewayPorts)} within {ConnectTimeout.TotalSeconds:0} s (start them with ops distributed silo)", e);
        }
        return (host, host.Services.GetRequiredService<IClusterClient>());
    }

    /// <summary>Free TCP ports on 127.0.0.1 (each bound once to port 0, then released).</summary>
    public static int[] FreePorts(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (int i = 0; i < count; i++)
            {
                var l = new TcpListener(IPAddress.Loopback, 0);
                l.Start();
                listeners.Add(l);
            }
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var l in listeners) l.Stop();
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (int i = _hosts.Count - 1; i >= 0; i--)
        {
            try { await _hosts[i].StopAsync(TimeSpan.FromSeconds(10)); }
            catch (Exception) { /* stopping: a silo that fails to stop cleanly is dropped anyway */ }
            _hosts[i].Dispose();
        }
        _hosts.Clear();
    }
}
