namespace Gogobe.Gateway.Web;

/// <summary>The web app's settings: the map's tile URL template (empty: no tiles) and its attribution.</summary>
public sealed record AppSettings(string TileUrl, string TileAttribution);
