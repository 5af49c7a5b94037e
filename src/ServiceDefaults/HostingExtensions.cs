using Gogobe.ServiceDefaults.Configuration;
using Gogobe.ServiceDefaults.Health;
using Gogobe.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Gogobe.ServiceDefaults;

/// <summary>
/// What every Gogobe host gets: the cluster identity settings, telemetry and the health endpoints. The clients a host
/// uses are registered by their own projects (<c>AddGogobeStorage</c>, <c>AddGogobeNats</c>, <c>AddGogobeRedis</c>),
/// each with its health check.
/// </summary>
public static class HostingExtensions
{
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        builder.Services.AddOptions<ClusterIdentityOptions>().BindConfiguration(ClusterIdentityOptions.Section);
        builder.Services.AddProxyOptions();
        builder.Services.AddHealthChecks();
        builder.AddTelemetry(serviceName);
        return builder;
    }

    private static void AddTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        // Npgsql and NATS.Net report through their own meter and activity sources; listening needs only their names.
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithMetrics(metrics => metrics
                .AddMeter("Microsoft.Orleans", "Gogobe.*", "Npgsql")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());

        // Traces only go out over OTLP. Without a collector nothing listens to the activity sources, so no span is made
        // for nothing: not for each grain call, SQL statement or NATS message, nor for the timer ticks of an idle silo.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "NATS.Net", "Npgsql", "Gogobe.*")
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsOperationalPath(context.Request.Path))
                    .AddHttpClientInstrumentation())
                .UseOtlpExporter();
        }
    }

    /// <summary>
    /// Maps <c>/health/live</c> (the process only), <c>/health/ready</c> (every registered check; the details per check
    /// for operators only) and the Prometheus <c>/metrics</c> endpoint (operators only: <see cref="OperatorAccess"/>).
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = _ => true,
            ResponseWriter = HealthResponse.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(OperatorAccess.Policy);
        return app;
    }

    private static bool IsOperationalPath(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics") || path.StartsWithSegments("/dashboard");
}
