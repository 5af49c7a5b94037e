namespace Gogobe.Gateway.Hosting;

/// <summary>
/// What every request is held to before an endpoint sees it: a body of at most <see cref="DefaultBodyBytes"/> unless its
/// endpoint says otherwise (uploads, baskets, status lists), parameters of plain text, and requests the framework cannot
/// bind answered as 4xx problems, and a server behind the gateway that did not answer as a 503 to retry.
/// </summary>
public static class RequestChecksExtensions
{
    public const long DefaultBodyBytes = 64 * 1024;

    public static WebApplicationBuilder AddRequestChecks(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = DefaultBodyBytes);
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestProblems>();
        builder.Services.AddExceptionHandler<UnavailableProblems>();
        return builder;
    }

    /// <summary>After routing and rate limiting: refuses parameters no endpoint takes.</summary>
    public static WebApplication UseRequestChecks(this WebApplication app)
    {
        app.UseMiddleware<TextParameterGuard>();
        return app;
    }
}
