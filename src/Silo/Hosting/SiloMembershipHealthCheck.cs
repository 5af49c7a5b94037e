using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Gogobe.Silo.Hosting;

/// <summary>Ready when this silo is an active member of the cluster.</summary>
internal sealed class SiloMembershipHealthCheck(IClusterMembershipService membership, ILocalSiloDetails local) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = membership.CurrentSnapshot;
        var active = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
        var self = snapshot.GetSiloStatus(local.SiloAddress);
        var description = $"this silo {self}; {active} active silo(s), membership version {snapshot.Version}";
        return Task.FromResult(self == SiloStatus.Active ? HealthCheckResult.Healthy(description) : HealthCheckResult.Unhealthy(description));
    }
}
