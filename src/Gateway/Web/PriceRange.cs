namespace Gogobe.Gateway.Web;

/// <summary>A product's lowest and highest current price and the number of store offers (0: none now); with members=true over every member of its master product.</summary>
public sealed record PriceRange(string Key, decimal? Min, decimal? Max, int Stores);
