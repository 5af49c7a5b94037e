using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gogobe.ServiceDefaults.Security;

/// <summary>Applies the forwarded headers of the configured proxies, and of no one else.</summary>
public static class ProxyAccess
{
    public static IServiceCollection AddProxyOptions(this IServiceCollection services)
    {
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section)
            .Validate(o => o.IsValid(), $"{ProxyOptions.Section}:KnownProxies lists the IP addresses of the reverse proxies in front of this host, e.g. {ProxyOptions.Section}__KnownProxies__0=10.0.0.5.")
            .ValidateOnStart();
        return services;
    }

    /// <summary>The client's address and scheme as the nearest configured proxy saw them; nothing changes without a proxy.</summary>
    public static WebApplication UseProxyForwardedHeaders(this WebApplication app)
    {
        var proxies = app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.Addresses();
        if (proxies.Count == 0)
        {
            return app;
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = 1 };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(proxy);
        }

        app.UseForwardedHeaders(options);
        return app;
    }
}
