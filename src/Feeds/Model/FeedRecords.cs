namespace Gogobe.Feeds.Model;

/// <summary>A normalised record read from a file.</summary>
public abstract record FeedRecord;

/// <summary>One store of a chain, from a Stores file.</summary>
public sealed record StoreRecord(
    string ChainId,
    string? ChainName,
    string? SubChainId,
    string? SubChainName,
    string StoreId,
    string? BikoretNo,
    int? StoreType,
    string? Name,
    string? Address,
    string? City,
    string? ZipCode,
    double? Latitude,
    double? Longitude) : FeedRecord;

/// <summary>One item's current price in one store.</summary>
public sealed record PriceItem(
    ProductKey Key,
    string ItemCode,
    bool IsInternalCode,
    string Name,
    string? Manufacturer,
    string? ManufactureCountry,
    string? Description,
    decimal Price,
    decimal? UnitPrice,
    decimal? Quantity,
    MeasureUnit Unit,
    string? UnitText,
    bool IsWeighted,
    decimal? QuantityInPackage,
    bool AllowDiscount,
    int? ItemStatus,
    DateTimeOffset? PriceUpdatedAt) : FeedRecord;

/// <summary>A promotion of one store with the items it applies to.</summary>
/// <param name="ClubIds">Clubs the promotion is limited to; empty or only the general club (0) means public.</param>
public sealed record Promotion(
    string PromotionId,
    string? Description,
    DateTimeOffset? UpdatedAt,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    int? RewardType,
    bool IsClubOnly,
    IReadOnlyList<string> ClubIds,
    decimal? MinQuantity,
    decimal? MaxQuantity,
    decimal? DiscountedPrice,
    decimal? DiscountedPricePerUnit,
    decimal? DiscountRate,
    int? DiscountType,
    decimal? MinPurchaseAmount,
    bool AllowMultipleDiscounts,
    bool IsWeighted,
    IReadOnlyList<PromotionItem> Items) : FeedRecord;

/// <summary>An item of a promotion; the reward fields are set when the file gives them per item (layout F).</summary>
public sealed record PromotionItem(
    ProductKey Key,
    string ItemCode,
    bool IsInternalCode,
    bool IsGift,
    int? RewardType,
    decimal? MinQuantity,
    decimal? MaxQuantity,
    decimal? DiscountedPrice,
    decimal? DiscountRate);
