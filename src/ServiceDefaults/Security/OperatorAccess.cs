using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gogobe.ServiceDefaults.Security;

/// <summary>
/// Operator endpoints (metrics, cluster views and probes, health details, the dashboard) answer a client on this machine
/// or one whose bearer token has the operator role. "On this machine" is the client's address once the forwarded
/// headers of a configured proxy are applied (<see cref="ProxyAccess"/>): a client behind the proxy is not local.
/// </summary>
public static class OperatorAccess
{
    public const string Policy = "operator";

    /// <summary>The <see cref="Policy"/>: a local client, or a token with <paramref name="role"/>.</summary>
    public static AuthorizationBuilder AddOperatorPolicy(this AuthorizationBuilder builder, string role) =>
        builder.AddPolicy(Policy, policy => policy.RequireAssertion(c => c.User.IsInRole(role) || (c.Resource is HttpContext http && IsLocal(http))));

    public static bool IsLocal(HttpContext context) => context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote);

    /// <summary>Whether the request passes the <see cref="Policy"/> (false when the host has none).</summary>
    public static async Task<bool> AllowsAsync(HttpContext context) =>
        context.RequestServices.GetService<IAuthorizationService>() is { } authorization
        && context.RequestServices.GetService<IAuthorizationPolicyProvider>() is { } policies
        && await policies.GetPolicyAsync(Policy) is not null
        && (await authorization.AuthorizeAsync(context.User, context, Policy)).Succeeded;
}
