using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NATS.Client.Core;

namespace Gogobe.Ingest.Hosting;

/// <summary>NATS for a host: its setting, one shared connection and its readiness check.</summary>
public static class NatsHostingExtensions
{
    /// <summary>Binds <see cref="NatsOptions"/> (section <c>Nats</c>), registers one <see cref="INatsConnection"/> and the <c>nats</c> health check.</summary>
    public static IHostApplicationBuilder AddGogobeNats(this IHostApplicationBuilder builder, string clientName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<NatsOptions>().BindConfiguration(NatsOptions.Section);
        builder.Services.AddSingleton<INatsConnection>(sp => new NatsConnection(new NatsOpts
        {
            Url = sp.GetRequiredService<IOptions<NatsOptions>>().Value.Url,
            Name = $"{clientName}@{Environment.MachineName}",
        }));
        builder.Services.AddHealthChecks().AddCheck<NatsHealthCheck>("nats");
        return builder;
    }
}
