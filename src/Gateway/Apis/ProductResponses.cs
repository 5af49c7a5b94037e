using Gogobe.Contracts.Products;

namespace Gogobe.Gateway.Apis;

/// <summary>Where a store is; <c>precision</c> is <c>city</c> when it was placed at its city's centroid.</summary>
public sealed record Location(double Lat, double Lon, string Precision)
{
    public static Location? Of(double? latitude, double? longitude, string? precision) =>
        latitude is { } lat && longitude is { } lon ? new Location(lat, lon, precision ?? "feed") : null;
}

public sealed record PriceSummary(decimal Min, decimal Max, decimal Average, int Stores, int Chains);

public sealed record ProductResponse(
    string Key, string Name, string? Manufacturer, string? Country, decimal? Quantity, string? Unit, bool IsWeighted,
    IReadOnlyList<string> Chains, IReadOnlyList<string> OtherNames, PriceSummary? Prices);

/// <summary>A running promotion: <c>price</c> for <c>minQuantity</c> items, <c>pricePerItem</c> for one item bought that way.</summary>
public sealed record PromotionPrice(string Id, string? Description, decimal Price, decimal MinQuantity, decimal PricePerItem, DateTimeOffset? EndsAt)
{
    public static PromotionPrice? Of(OfferPromotion? p) =>
        p is null ? null : new PromotionPrice(p.PromotionId, p.Description, p.DiscountedPrice, p.MinQuantity, p.PricePerItem, p.EndsAt);
}

/// <summary>
/// The product's current price in one store; <c>promotion</c> is the best public promotion running now,
/// <c>clubOffer</c> the best offer for club members only.
/// </summary>
public sealed record StorePrice(
    string ChainId, string? ChainName, string StoreId, string? StoreName, string? City, string? Address, Location? Location,
    double? DistanceKm, decimal Price, decimal? UnitPrice, DateTimeOffset? PriceUpdatedAt, PromotionPrice? Promotion, PromotionPrice? ClubOffer);

public sealed record ProductPricesResponse(string Key, string? Name, int Total, IReadOnlyList<StorePrice> Prices);

public sealed record PriceChangeEntry(
    string ChainId, string StoreId, string? StoreName, decimal? Price, decimal? PreviousPrice, DateTimeOffset ChangedAt, string? ImportId);

public sealed record PriceHistoryResponse(string Key, IReadOnlyList<PriceChangeEntry> Changes);

public sealed record SearchHit(string Key, string Name, string? Manufacturer, string? Barcode, string? ChainId, double Score);

public sealed record SearchResponse(string Query, IReadOnlyList<SearchHit> Results);
