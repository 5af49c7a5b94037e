using Gogobe.Gateway.Apis;
using Gogobe.Security;
using Gogobe.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Gogobe.Gateway.Hosting;

/// <summary>
/// Bearer authentication for write and operator endpoints; the per-client rate limit on everything under /api is
/// <see cref="ClientRateLimit"/>. A client is its token's subject, else its address: the connection's, or the one a
/// configured proxy forwarded (<see cref="ProxyAccess"/>).
/// </summary>
public static class SecurityExtensions
{
    public static WebApplicationBuilder AddGatewaySecurity(this WebApplicationBuilder builder)
    {
        var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = TokenIssuer.ValidationParameters(auth);
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ImportsApi.ImporterPolicy, policy => policy.RequireRole(AuthOptions.ImporterRole))
            .AddPolicy(WatchesApi.UserPolicy, policy => policy.RequireClaim("sub"))
            .AddOperatorPolicy(AuthOptions.OperatorRole);

        return builder;
    }
}

/// <summary>A token bucket: requests a client may make at once, and how many it regains per second.</summary>
public class RequestBudget
{
    /// <summary>Requests a client may make at once.</summary>
    public int Burst { get; set; } = 200;

    /// <summary>Requests a client regains per second.</summary>
    public int PerSecond { get; set; } = 100;
}

/// <summary>
/// Per-client request budget (section <c>RateLimit</c>), and the larger one of an authenticated importer
/// (<c>RateLimit:Importer</c>), whose uploads and status polls come by the thousand.
/// </summary>
public sealed class RateLimitOptions : RequestBudget
{
    public const string Section = "RateLimit";

    public RequestBudget Importer { get; set; } = new() { Burst = 2_000, PerSecond = 1_000 };
}
