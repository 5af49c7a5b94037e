using System.Reflection;

namespace Gogobe.Silo.Hosting;

/// <summary>
/// How often the Orleans Dashboard reads this silo's Orleans instruments into its counters page. The dashboard's host
/// service reads every instrument of the <c>Microsoft.Orleans</c> meter once a second (an OpenTelemetry reader on a
/// thread of its own; the directory cache gauge walks every bucket each time) and reports them to the silo's dashboard
/// service, whether anybody looks or not: on an idle query silo the largest share of what it did. The package sets the
/// interval only inside (<c>DashboardHost.ExportIntervalMilliseconds</c>, 1 s); this sets it to
/// <see cref="SiloOptions.DashboardSampleInterval"/>, the interval of the dashboard's other sampling.
/// </summary>
public static class DashboardReading
{
    private const string HostTypeName = "Orleans.Dashboard.DashboardHost";
    private const string IntervalProperty = "ExportIntervalMilliseconds";

    /// <summary>
    /// Makes the dashboard's host read the instruments every <paramref name="every"/>. Call after <c>AddDashboard</c>;
    /// fails at start when the package no longer has that host or setting, so that an update cannot silently bring the
    /// once-a-second reading back.
    /// </summary>
    public static IServiceCollection SetDashboardReading(this IServiceCollection services, TimeSpan every)
    {
        var registration = services.SingleOrDefault(d => d.ServiceType.FullName == HostTypeName && d.ImplementationType == d.ServiceType)
            ?? throw new InvalidOperationException($"The Orleans Dashboard registers no {HostTypeName}: review DashboardReading for this package version.");
        var hostType = registration.ServiceType;
        var interval = hostType.GetProperty(IntervalProperty, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException($"{HostTypeName} has no {IntervalProperty}: review DashboardReading for this package version.");
        var milliseconds = (int)Math.Clamp(every.TotalMilliseconds, 1000, int.MaxValue);
        services.Remove(registration);
        services.Add(ServiceDescriptor.Singleton(hostType, sp =>
        {
            var host = ActivatorUtilities.CreateInstance(sp, hostType);
            interval.SetValue(host, milliseconds);
            return host;
        }));
        return services;
    }
}
