using System.Net;

namespace Gogobe.ServiceDefaults.Security;

/// <summary>
/// The reverse proxies in front of this host (section <c>ForwardedHeaders</c>): only their <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are believed, so a client cannot choose its own address for rate limits and local access.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>IP addresses of the proxies (several entries, or one entry separated by commas); empty: no proxy, the headers are ignored.</summary>
    public string[] KnownProxies { get; set; } = [];

    public IReadOnlyList<IPAddress> Addresses() =>
        [.. KnownProxies.SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(IPAddress.Parse)];

    public bool IsValid() =>
        KnownProxies.SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).All(p => IPAddress.TryParse(p, out _));
}
