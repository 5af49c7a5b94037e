using Gogobe.Gateway.Tests.Infrastructure;
using Gogobe.Testing;
using Microsoft.Playwright;

namespace Gogobe.Web.Tests;

/// <summary>
/// The gateway tests' cluster (sample feeds imported) and one headless Chromium: the distribution's <c>chromium</c>
/// found on PATH (<c>deploy/local/test.sh</c> installs it), never a browser downloaded by Playwright.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"];

    private IPlaywright? playwright;

    public GatewayCluster Gateway { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the run leaves its screenshots and figures (not committed).</summary>
    public string Screenshots { get; } = Path.Combine(Repository.Root, ".data", "screenshots");

    public string AxeScript { get; } = Path.Combine(AppContext.BaseDirectory, "vendor", "axe-core-4.14.1", "axe.min.js");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Screenshots);
        var chromium = Chromium();
        await Gateway.InitializeAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = ChromiumArgs });
    }

    /// <summary>A phone-sized, Hebrew browser context on the gateway, with map tiles answered locally (the run is offline).</summary>
    public async Task<IBrowserContext> PhoneAsync(double? latitude = null, double? longitude = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Gateway.Http.BaseAddress!.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            Locale = "he-IL",
            Geolocation = latitude is { } lat && longitude is { } lon ? new Geolocation { Latitude = (float)lat, Longitude = (float)lon } : null,
            Permissions = latitude is null ? null : ["geolocation"],
        });
        await context.RouteAsync(TileHost + "**", route => route.FulfillAsync(new RouteFulfillOptions { ContentType = "image/png", BodyBytes = Tile }));
        return context;
    }

    /// <summary>The default tile server of the web app (a setting); its requests are answered by the test.</summary>
    public const string TileHost = "https://tile.openstreetmap.org/";

    private static readonly byte[] Tile = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static string Chromium()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "chromium")).FirstOrDefault(File.Exists);
        return found ?? throw new InvalidOperationException("chromium is not installed: deploy/local/test.sh installs it (apt-get install -y chromium).");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await Gateway.DisposeAsync();
    }
}
