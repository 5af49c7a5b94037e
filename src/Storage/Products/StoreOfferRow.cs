namespace Gogobe.Storage.Products;

/// <summary>
/// A product's current price in one store, with the store's place (<c>City</c> is the resolved locality when there is
/// one) and the publication time of the newest file that confirmed the price.
/// </summary>
public sealed record StoreOfferRow(
    string ChainId, string? ChainName, string StoreId, string? StoreName, string? City, string? Address, double? Latitude, double? Longitude,
    decimal Price, decimal? UnitPrice, DateTimeOffset? PriceUpdatedAt, string? LocationPrecision, string? LocationSource, DateTimeOffset ConfirmedAt);
