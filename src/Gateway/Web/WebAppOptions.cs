namespace Gogobe.Gateway.Web;

/// <summary>The shoppers' web app (section <c>WebApp</c>): where its maps take their tiles, and how many pages may follow live prices.</summary>
public sealed class WebAppOptions
{
    public const string Section = "WebApp";

    /// <summary>Map tile URL template with <c>{z}</c>, <c>{x}</c> and <c>{y}</c>; empty for maps without tiles (stores are still placed).</summary>
    public string TileUrl { get; set; } = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    /// <summary>Attribution shown on the map for the tiles.</summary>
    public string TileAttribution { get; set; } = "© OpenStreetMap contributors";

    /// <summary>Open live-price streams this gateway serves at once; more get 503 and the page falls back to reloading.</summary>
    public int MaxLiveStreams { get; set; } = 2_000;

    public bool IsValid() =>
        MaxLiveStreams is > 0 and <= 100_000
        && (TileUrl.Length == 0
            || ((TileUrl.StartsWith("https://", StringComparison.Ordinal) || TileUrl.StartsWith("http://", StringComparison.Ordinal))
                && TileUrl.Contains("{z}", StringComparison.Ordinal) && TileUrl.Contains("{x}", StringComparison.Ordinal) && TileUrl.Contains("{y}", StringComparison.Ordinal)));

    public const string Expected =
        "Set WebApp:TileUrl to an http(s) tile template with {z}, {x} and {y} (or empty for maps without tiles) and WebApp:MaxLiveStreams to 1..100000.";
}
