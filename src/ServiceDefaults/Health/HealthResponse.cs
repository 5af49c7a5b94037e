using System.Text.Json;
using Gogobe.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gogobe.ServiceDefaults.Health;

/// <summary>
/// Writes a health report as JSON: the overall status, and for operators (<see cref="OperatorAccess"/>) one entry per
/// check, without exception details.
/// </summary>
internal static class HealthResponse
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        if (!await OperatorAccess.AllowsAsync(context))
        {
            await context.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString() }));
            return;
        }

        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, durationMs = e.Value.Duration.TotalMilliseconds }),
        };
        await context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
