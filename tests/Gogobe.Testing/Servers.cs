using System.Net;
using System.Net.Sockets;

namespace Gogobe.Testing;

/// <summary>The local servers started by deploy/local/infra.sh; settings come from the same environment variables as the hosts.</summary>
public static class Servers
{
    public static string Postgres => Setting("Postgres__ConnectionString", "Host=127.0.0.1;Port=55432;Database=gogobe;Username=gogobe;Password=gogobe");

    public static string Nats => Setting("Nats__Url", "nats://127.0.0.1:54222");

    public static string Redis => Setting("Redis__Configuration", "127.0.0.1:56379");

    /// <summary>The SMTP server (smtp4dev) that receives alert emails; <see cref="SmtpApi"/> reads what it received.</summary>
    public static int SmtpPort => int.Parse(Setting("Alerts__SmtpPort", "60091"), System.Globalization.CultureInfo.InvariantCulture);

    public static Uri SmtpApi => new(Setting("GOGOBE_SMTP_API", "http://127.0.0.1:61091"));

    /// <summary>
    /// A loopback TCP port nothing uses right now, below the kernel's range for outgoing connections. A port taken from
    /// that range (binding port 0) can be handed to a client connection before the host that was given it binds it, which
    /// makes a restarted host fail with "address already in use". Each port is handed out once per test process.
    /// </summary>
    public static int FreePort()
    {
        var (low, high) = PortRange;
        lock (Handed)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(low, high);
                if (!Handed.Contains(port) && CanListen(port))
                {
                    Handed.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"no free loopback port between {low} and {high}");
    }

    private static readonly HashSet<int> Handed = [];

    /// <summary>Ports to choose from: 10000 up to the start of the kernel's local port range (32768 by default).</summary>
    private static readonly (int Low, int High) PortRange = ReadPortRange();

    private static (int Low, int High) ReadPortRange()
    {
        const int low = 10000;
        var ephemeralStart = 32768;
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
            ephemeralStart = int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            // Not Linux, or not readable: keep the kernel default.
        }

        return ephemeralStart > low + 1000 ? (low, ephemeralStart) : (1024, 10000);
    }

    private static bool CanListen(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string Setting(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
}
