using System.Net;
using Gogobe.Grains.Placement;

namespace Gogobe.Silo.Hosting;

/// <summary>How this silo joins the cluster. Section <c>Silo</c>.</summary>
public sealed class SiloOptions
{
    public const string Section = "Silo";

    /// <summary>Port for silo-to-silo traffic.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port Orleans clients (the gateway) connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Address other silos and clients use to reach this silo; <c>auto</c> takes the host's first IPv4 address (containers).</summary>
    public string AdvertisedIp { get; set; } = "127.0.0.1";

    /// <summary>The advertised address, resolved.</summary>
    public IPAddress ResolveAdvertisedIp()
    {
        if (!string.Equals(AdvertisedIp, "auto", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Parse(AdvertisedIp);
        }

        return Dns.GetHostAddresses(Dns.GetHostName())
            .FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? IPAddress.Loopback;
    }

    /// <summary>Listen on every interface instead of the advertised address only (containers).</summary>
    public bool ListenOnAnyInterface { get; set; }

    /// <summary>Idle time after which a grain activation is collected (Orleans <c>CollectionAge</c>).</summary>
    public TimeSpan IdleAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often idle activations are looked for: a quarter of <see cref="IdleAfter"/>, at most a minute.</summary>
    public TimeSpan CollectionQuantum => TimeSpan.FromTicks(Math.Min(IdleAfter.Ticks / 4, TimeSpan.FromMinutes(1).Ticks));

    /// <summary>
    /// Most grain addresses this silo remembers for calls to grains on other silos (Orleans <c>GrainDirectoryOptions.CacheSize</c>,
    /// whose default of 1,000,000 allocates that many buckets up front). The directory's cache-size gauge walks every bucket
    /// whenever metrics are read, once a second while the dashboard runs, so a smaller cache costs less CPU when idle.
    /// </summary>
    public int DirectoryCacheSize { get; set; } = 100_000;

    /// <summary>How long a silo may miss probes before others vote it dead.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Run the Orleans Dashboard (it samples every silo's counters every <see cref="DashboardSampleInterval"/>).</summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>
    /// How often the dashboard samples counters, at least one second: the silo's runtime statistics and the Orleans
    /// instruments of its counters page (which the dashboard package reads every second otherwise, <see cref="DashboardReading"/>).
    /// </summary>
    public TimeSpan DashboardSampleInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Serve the Orleans Dashboard to non-loopback clients too (put authentication in front first).</summary>
    public bool DashboardAllowRemote { get; set; }

    /// <summary>
    /// The work this silo takes, comma-separated: <c>query</c> (the grains the gateway asks), <c>import</c> (the JetStream
    /// consumer and the grains that import files), or both, the default.
    /// </summary>
    public string Roles { get; set; } = $"{SiloRole.Query},{SiloRole.Import}";

    /// <summary>Whether <see cref="Roles"/> holds <paramref name="role"/>.</summary>
    public bool Holds(string role) => SiloRole.Holds(Roles, role);

    public IEnumerable<string> Validate()
    {
        if (SiloPort is <= 0 or > 65535)
        {
            yield return $"{Section}:SiloPort must be a TCP port (1-65535), not {SiloPort}.";
        }

        if (GatewayPort is <= 0 or > 65535 || GatewayPort == SiloPort)
        {
            yield return $"{Section}:GatewayPort must be a TCP port (1-65535) other than {Section}:SiloPort, not {GatewayPort}.";
        }

        if (!string.Equals(AdvertisedIp, "auto", StringComparison.OrdinalIgnoreCase) && !IPAddress.TryParse(AdvertisedIp, out _))
        {
            yield return $"{Section}:AdvertisedIp must be an IP address or 'auto', not '{AdvertisedIp}'.";
        }

        if (DirectoryCacheSize is < 1_000 or > 10_000_000)
        {
            yield return $"{Section}:DirectoryCacheSize must be a number from 1,000 to 10,000,000, not {DirectoryCacheSize}.";
        }

        var roles = SiloRole.Parse(Roles);
        if (roles.Count == 0 || roles.Any(r => !SiloRole.Known.Contains(r)))
        {
            yield return $"{Section}:Roles must list one or both of {string.Join(", ", SiloRole.Known)} (comma-separated), not '{Roles}'.";
        }

        if (IdleAfter < TimeSpan.FromSeconds(10))
        {
            yield return $"{Section}:IdleAfter must be at least 00:00:10, not {IdleAfter}.";
        }
    }
}
