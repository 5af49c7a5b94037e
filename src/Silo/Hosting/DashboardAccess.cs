using Gogobe.ServiceDefaults.Security;
using Orleans.Dashboard;

namespace Gogobe.Silo.Hosting;

/// <summary>
/// The Orleans Dashboard has no authentication of its own: it answers local clients and operator tokens only
/// (<see cref="OperatorAccess"/>) unless told to answer everyone.
/// </summary>
public static class DashboardAccess
{
    public static WebApplication MapDashboard(this WebApplication app)
    {
        if (!app.Configuration.GetValue($"{SiloOptions.Section}:Dashboard", true))
        {
            return app;
        }

        var dashboard = app.MapOrleansDashboard(routePrefix: "/dashboard");
        if (!app.Configuration.GetValue($"{SiloOptions.Section}:DashboardAllowRemote", false))
        {
            dashboard.RequireAuthorization(OperatorAccess.Policy);
        }

        return app;
    }
}
