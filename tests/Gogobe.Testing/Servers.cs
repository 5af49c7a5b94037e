using System.Net;
using System.Net.Sockets;

namespace Gogobe.Testing;

/// <summary>The local servers started by deploy/local/infra.sh; settings come from the same environment variables as the hosts.</summary>
public static class Servers
{
    public static string Postgres => Setting("Postgres__ConnectionString", "Host=127.0.0.1;Port=55432;Database=gogobe;Username=gogobe;Password=gogobe");

    public static string Nats => Setting("Nats__Url", "nats://127.0.0.1:54222");

    public static string Redis => Setting("Redis__Configuration", "127.0.0.1:56379");

    /// <summary>A TCP port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Setting(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
}
