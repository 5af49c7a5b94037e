namespace Gogobe.Gateway.Web;

/// <summary>A product's lowest and highest current price and the number of stores that sell it (0: none now).</summary>
public sealed record PriceRange(string Key, decimal? Min, decimal? Max, int Stores);
