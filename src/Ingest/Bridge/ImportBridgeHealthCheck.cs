using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gogobe.Ingest.Bridge;

/// <summary>Ready when this host's import bridge pulls uploads: it can take work. Not ready while it starts, fails to pull or stops.</summary>
public sealed class ImportBridgeHealthCheck(FileImportBridge bridge) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(bridge.NotPulling is { } reason
            ? HealthCheckResult.Unhealthy($"import bridge not pulling: {reason}")
            : HealthCheckResult.Healthy($"import bridge pulling, {bridge.InFlight} import(s) running"));
}
