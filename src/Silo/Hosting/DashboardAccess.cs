using Orleans.Dashboard;
using System.Net;

namespace Gogobe.Silo.Hosting;

/// <summary>The Orleans Dashboard has no authentication of its own: it answers loopback clients only unless told otherwise.</summary>
public static class DashboardAccess
{
    public static WebApplication MapDashboard(this WebApplication app)
    {
        if (!app.Configuration.GetValue($"{SiloOptions.Section}:Dashboard", true))
        {
            return app;
        }

        var allowRemote = app.Configuration.GetValue($"{SiloOptions.Section}:DashboardAllowRemote", false);
        var dashboard = app.MapOrleansDashboard(routePrefix: "/dashboard");
        if (!allowRemote)
        {
            dashboard.AddEndpointFilter(async (context, next) =>
            {
                var remote = context.HttpContext.Connection.RemoteIpAddress;
                return remote is null || IPAddress.IsLoopback(remote)
                    ? await next(context)
                    : Results.Problem("The dashboard answers local clients only (Silo:DashboardAllowRemote).", statusCode: StatusCodes.Status403Forbidden);
            });
        }

        return app;
    }
}
