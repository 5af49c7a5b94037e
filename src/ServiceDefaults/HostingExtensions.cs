using Gogobe.ServiceDefaults.Configuration;
using Gogobe.ServiceDefaults.Health;
using Gogobe.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using StackExchange.Redis;

namespace Gogobe.ServiceDefaults;

/// <summary>What every Gogobe host gets: options, infrastructure clients, telemetry, health checks.</summary>
public static class HostingExtensions
{
    /// <summary>Tag of the readiness checks; liveness runs none.</summary>
    public const string ReadyTag = "ready";

    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        var services = builder.Services;
        services.AddOptions<PostgresOptions>().BindConfiguration(PostgresOptions.Section);
        services.AddOptions<NatsOptions>().BindConfiguration(NatsOptions.Section);
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section);
        services.AddOptions<ClusterIdentityOptions>().BindConfiguration(ClusterIdentityOptions.Section);

        services.AddSingleton(sp => new NpgsqlDataSourceBuilder(sp.GetRequiredService<IOptions<PostgresOptions>>().Value.ConnectionString)
        {
            Name = serviceName,
        }.Build());
        services.AddSingleton<INatsConnection>(sp => new NatsConnection(new NatsOpts
        {
            Url = sp.GetRequiredService<IOptions<NatsOptions>>().Value.Url,
            Name = $"{serviceName}@{Environment.MachineName}",
        }));
        services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var options = ConfigurationOptions.Parse(sp.GetRequiredService<IOptions<RedisOptions>>().Value.Configuration);
            options.AbortOnConnectFail = false;
            options.ClientName = serviceName;
            return ConnectionMultiplexer.Connect(options);
        });

        services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgres", tags: [ReadyTag])
            .AddCheck<NatsHealthCheck>("nats", tags: [ReadyTag])
            .AddCheck<RedisHealthCheck>("redis", tags: [ReadyTag]);

        builder.AddTelemetry(serviceName);
        return builder;
    }

    private static void AddTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithMetrics(metrics => metrics
                .AddMeter("Microsoft.Orleans", "Gogobe.*")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "NATS.Net", "Gogobe.*")
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsOperationalPath(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddRedisInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }
    }

    /// <summary>Maps <c>/health/live</c>, <c>/health/ready</c> and the Prometheus <c>/metrics</c> endpoint.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthResponse.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    private static bool IsOperationalPath(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics") || path.StartsWithSegments("/dashboard");
}

/// <summary>Schema migrations at start-up, unless <c>Postgres:MigrateOnStart</c> is false.</summary>
public static class SchemaStartup
{
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<PostgresOptions>>().Value.MigrateOnStart)
        {
            await Gogobe.Storage.Schema.SchemaMigrator.MigrateAsync(app.Services.GetRequiredService<NpgsqlDataSource>());
        }
    }
}
