using System.Diagnostics.Metrics;
using Gogobe.Grains.Placement;
using Microsoft.Extensions.Options;

namespace Gogobe.Silo.Hosting;

/// <summary>Gauge <c>gogobe.silo.role</c> (meter <c>Gogobe.Silo</c>): 1 per role this silo holds, so dashboards count silos by role.</summary>
internal sealed class SiloRoleMetrics : IHostedService, IDisposable
{
    private readonly Meter meter;

    public SiloRoleMetrics(IOptions<SiloOptions> options, IMeterFactory meterFactory)
    {
        var roles = SiloRole.Parse(options.Value.Roles);
        meter = meterFactory.Create("Gogobe.Silo");
        meter.CreateObservableGauge(
            "gogobe.silo.role",
            () => roles.Select(role => new Measurement<int>(1, new KeyValuePair<string, object?>("role", role))),
            "{silo}",
            "1 for each role this silo holds (query, import)");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => meter.Dispose();
}
