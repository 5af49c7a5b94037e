using Microsoft.Extensions.Diagnostics.HealthChecks;
using NATS.Client.Core;

namespace Gogobe.Ingest.Hosting;

internal sealed class NatsHealthCheck(INatsConnection connection) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            var rtt = await connection.PingAsync(timeout.Token);
            return HealthCheckResult.Healthy($"round trip {rtt.TotalMilliseconds:F1} ms");
        }
        catch (Exception ex) when (ex is NatsException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"NATS does not answer (connection {connection.ConnectionState}).", ex);
        }
    }
}
