using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PrivacyDesk.IntegrationTests.Infrastructure;

/// <summary>Where the integration tests get their PostgreSQL from.</summary>
public enum TestDatabaseSource
{
    /// <summary>The server named by PRIVACYDESK_TEST_DB.</summary>
    External,

    /// <summary>A <c>postgres:15</c> container started through Testcontainers (a Docker engine is reachable).</summary>
    Container,

    /// <summary>A throwaway cluster from the machine's PostgreSQL binaries (no Docker engine, e.g. these build machines).</summary>
    LocalCluster,
}

public static class TestDatabaseChoice
{
    public const string ExternalVariable = "PRIVACYDESK_TEST_DB";

    /// <summary>PRIVACYDESK_TEST_DB wins; otherwise a container when Docker answers; otherwise the local cluster.</summary>
    public static TestDatabaseSource Select(bool externalSet, bool dockerReachable) =>
        externalSet ? TestDatabaseSource.External
        : dockerReachable ? TestDatabaseSource.Container
        : TestDatabaseSource.LocalCluster;

    public static string Describe(TestDatabaseSource source) => source switch
    {
        TestDatabaseSource.External => $"Test database: the server in {ExternalVariable}.",
        TestDatabaseSource.Container => "Test database: postgres:15 through Testcontainers (a Docker engine is reachable).",
        _ => "Test database: a throwaway local PostgreSQL cluster (no Docker engine reachable).",
    };

    /// <summary>
    /// True when a Docker engine answers <c>GET /_ping</c> on its Unix socket (DOCKER_HOST=unix://… or
    /// /var/run/docker.sock) or at DOCKER_HOST=tcp://host:port, within two seconds.
    /// </summary>
    public static async Task<bool> DockerReachableAsync()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        EndPoint endpoint;
        if (!string.IsNullOrWhiteSpace(host) && host.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase))
        {
            var uri = new Uri("http://" + host["tcp://".Length..]);
            endpoint = new DnsEndPoint(uri.Host, uri.Port);
        }
        else
        {
            var path = !string.IsNullOrWhiteSpace(host) && host.StartsWith("unix://", StringComparison.OrdinalIgnoreCase) ? host["unix://".Length..] : "/var/run/docker.sock";
            if (!File.Exists(path))
                return false;
            endpoint = new UnixDomainSocketEndPoint(path);
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            using var socket = endpoint is UnixDomainSocketEndPoint
                ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
                : new Socket(SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(endpoint, timeout.Token);
            await socket.SendAsync(Encoding.ASCII.GetBytes("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"), timeout.Token);
            var buffer = new byte[64];
            var read = await socket.ReceiveAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).Contains(" 200 ", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            return false;
        }
    }
}
