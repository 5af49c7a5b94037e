using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Gogobe.Gateway.Web;

/// <summary>
/// Serves the web app from <c>wwwroot</c> on the API's origin: compressed (Brotli or gzip), vendored libraries cached for a
/// year (their folder names carry their version), the app's own files revalidated by ETag on every load.
/// </summary>
public static class WebAppHosting
{
    private static readonly string[] CompressedTypes =
        ["text/html", "text/css", "text/javascript", "application/javascript", "application/json", "application/problem+json", "image/svg+xml"];

    public static WebApplicationBuilder AddWebApp(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebAppOptions>().BindConfiguration(WebAppOptions.Section)
            .Validate(o => o.IsValid(), WebAppOptions.Expected).ValidateOnStart();
        builder.Services.AddResponseCompression(o =>
        {
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = CompressedTypes;
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.AddSingleton<LiveProductFeed>();
        return builder;
    }

    public static WebApplication UseWebApp(this WebApplication app)
    {
        app.UseResponseCompression();
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl =
                context.Context.Request.Path.StartsWithSegments("/vendor") ? "public, max-age=31536000, immutable" : "no-cache",
        });
        return app;
    }
}
