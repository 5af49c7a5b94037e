using System.Globalization;
using System.Threading.RateLimiting;
using Gogobe.Gateway.Apis;
using Gogobe.Security;
using Gogobe.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Gogobe.Gateway.Hosting;

/// <summary>
/// Bearer authentication for write and operator endpoints, and a per-client rate limit on everything under /api. A client
/// is its token's subject, else its address: the connection's, or the one a configured proxy forwarded (<see cref="ProxyAccess"/>).
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

        var limits = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!context.Request.Path.StartsWithSegments("/api"))
                {
                    return RateLimitPartition.GetNoLimiter("operational");
                }

                // A chain's importer sends a whole day of files (about 2,000) at once: it has a budget of its own.
                var importer = context.User.IsInRole(AuthOptions.ImporterRole);
                var budget = importer ? limits.Importer : limits;
                return RateLimitPartition.GetTokenBucketLimiter((importer ? "importer:" : "client:") + ClientKey(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = budget.Burst,
                    TokensPerPeriod = budget.PerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                });
            });
            o.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Results.Problem("Too many requests from this client; retry after the time in Retry-After.", statusCode: StatusCodes.Status429TooManyRequests, title: "Rate limit exceeded")
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return builder;
    }

    /// <summary>The authenticated subject when there is one, else the remote address.</summary>
    private static string ClientKey(HttpContext context) =>
        context.User.FindFirst("sub")?.Value ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
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
