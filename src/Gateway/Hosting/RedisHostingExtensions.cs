using Gogobe.Gateway.Caching;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;
using StackExchange.Redis;

namespace Gogobe.Gateway.Hosting;

/// <summary>Redis, the second level of the query cache: its setting, one shared connection, its readiness check and traces.</summary>
public static class RedisHostingExtensions
{
    public static WebApplicationBuilder AddGogobeRedis(this WebApplicationBuilder builder, string clientName)
    {
        builder.Services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section);
        builder.Services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var options = ConfigurationOptions.Parse(sp.GetRequiredService<IOptions<RedisOptions>>().Value.Configuration);
            options.AbortOnConnectFail = false;
            options.ClientName = clientName;
            return ConnectionMultiplexer.Connect(options);
        });
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddRedisInstrumentation());
        return builder;
    }
}
