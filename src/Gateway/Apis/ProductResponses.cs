using Gogobe.Contracts.Products;
using Gogobe.Storage.Prices;
using Gogobe.Storage.Products;

namespace Gogobe.Gateway.Apis;

/// <summary>
/// Where a store is: <c>precision</c> is <c>address</c>, <c>street</c>, <c>locality</c> (its locality's centre) or
/// <c>none</c> (not placed: no coordinates); <c>source</c> is <c>feed</c> (the chain's coordinates), <c>geocoder</c> or
/// <c>localities</c> (the national list).
/// </summary>
public sealed record Location(double? Lat, double? Lon, string Precision, string? Source)
{
    public static Location Of(double? latitude, double? longitude, string? precision, string? source) =>
        latitude is { } lat && longitude is { } lon ? new Location(lat, lon, precision ?? "address", source ?? "feed") : new Location(null, null, "none", null);

    /// <summary>Whether a distance to a store placed this precisely is only approximate (a locality's centre, or no place).</summary>
    public static bool IsApproximate(string? precision) => precision is not ("address" or "street");
}

public sealed record PriceSummary(decimal Min, decimal Max, decimal Average, int Stores, int Chains);

/// <summary>
/// A product's facts; <c>prices</c> summarises the offers confirmed within <c>confirmedWithinDays</c> days,
/// <c>unconfirmed</c> counts the offers left out as older; <c>master</c> is the master product it belongs to.
/// </summary>
public sealed record ProductResponse(
    string Key, string Name, string? Manufacturer, string? Country, decimal? Quantity, string? Unit, bool IsWeighted,
    IReadOnlyList<string> Chains, IReadOnlyList<string> OtherNames, PriceSummary? Prices, int ConfirmedWithinDays, int Unconfirmed,
    MasterProduct? Master);

/// <summary>
/// One product across chains: its id (the key of one member), name (that member's) and members, each with how it
/// joined (<c>code</c>: its barcode, or alone; <c>learned</c>: the trained matcher, with its confidence; <c>manual</c>:
/// an operator's decision). <c>chainId</c> is set for a chain's own code.
/// </summary>
public sealed record MasterProduct(string Id, string Name, IReadOnlyList<MasterMemberResponse> Members)
{
    public static MasterProduct Of(string masterId, IReadOnlyList<Storage.Matching.MasterMember> members) => new(
        masterId,
        members.FirstOrDefault(m => m.ProductKey == masterId)?.Name ?? members[0].Name,
        members.Select(m => new MasterMemberResponse(m.ProductKey, m.ChainId, m.Name, m.MatchedBy, Math.Round(m.Confidence, 3))).ToList());
}

public sealed record MasterMemberResponse(string Key, string? ChainId, string Name, string MatchedBy, double Confidence);

/// <summary>A running promotion: <c>price</c> for <c>minQuantity</c> items, <c>pricePerItem</c> for one item bought that way.</summary>
public sealed record PromotionPrice(string Id, string? Description, decimal Price, decimal MinQuantity, decimal PricePerItem, DateTimeOffset? EndsAt)
{
    public static PromotionPrice? Of(OfferPromotion? p) =>
        p is null ? null : new PromotionPrice(p.PromotionId, p.Description, p.DiscountedPrice, p.MinQuantity, p.PricePerItem, p.EndsAt);
}

/// <summary>
/// The product's current price in one store; <c>unitPrice</c> is null when the chain did not state one;
/// <c>confirmedAt</c> is the publication time of the newest file that confirmed the price; <c>distanceApproximate</c>
/// is true when the store is only placed at its locality's centre; <c>promotion</c> is the best public promotion
/// running now, <c>clubOffer</c> the best offer for club members only.
/// </summary>
public sealed record StorePrice(
    string ChainId, string? ChainName, string StoreId, string? StoreName, string? City, string? Address, Location? Location,
    double? DistanceKm, decimal Price, decimal? UnitPrice, DateTimeOffset? PriceUpdatedAt, DateTimeOffset? ConfirmedAt,
    PromotionPrice? Promotion, PromotionPrice? ClubOffer, bool? DistanceApproximate)
{
    /// <summary>With <c>members=true</c>: the member of the master product this price is for.</summary>
    public string? Member { get; init; }

    /// <summary>With <c>members=true</c>: how that member joined the master product.</summary>
    public string? MatchedBy { get; init; }
}

/// <summary>
/// The prices of a product (<c>name</c>) confirmed within <c>confirmedWithinDays</c> days: <c>total</c> of them match,
/// the first <c>limit</c> are listed; <c>unconfirmed</c> counts the matching offers left out as older.
/// </summary>
public sealed record ProductPricesResponse(string Key, string? Name, int Total, int ConfirmedWithinDays, int Unconfirmed, IReadOnlyList<StorePrice> Prices)
{
    /// <summary>With <c>members=true</c>: the master product whose members' prices are listed.</summary>
    public string? MasterId { get; init; }
}

public sealed record PriceHistoryResponse(string Key, IReadOnlyList<PriceChangeEntry> Changes)
{
    /// <summary>With <c>members=true</c>: the master product whose members' histories are merged, each entry naming its member.</summary>
    public string? MasterId { get; init; }
}

public sealed record SearchResponse(string Query, IReadOnlyList<SearchHit> Results);
