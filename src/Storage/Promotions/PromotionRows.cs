using Gogobe.Storage.FeedState;

namespace Gogobe.Storage.Promotions;

/// <summary>The two kinds of promotion file; the names match the feed kinds and the <c>store_feed_state.kind</c> values.</summary>
public enum PromotionFileKind
{
    PromoFull,
    Promo,
}

/// <summary>A promotion of one store with its items, as written and as loaded.</summary>
/// <param name="UpdatedAt">When the chain says it last changed the promotion.</param>
public sealed record StoredPromotion(
    string PromotionId,
    string? Description,
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
    DateTimeOffset? UpdatedAt,
    IReadOnlyList<StoredPromotionItem> Items);

/// <summary>An item of a promotion; the reward fields are set when the file gives them per item.</summary>
public sealed record StoredPromotionItem(
    string ProductKey,
    bool IsGift,
    int? RewardType,
    decimal? MinQuantity,
    decimal? MaxQuantity,
    decimal? DiscountedPrice,
    decimal? DiscountRate);

/// <summary>A store's promotions that had not ended at the time asked, with the newest applied promotion files.</summary>
public sealed record PromotionSnapshot(
    string ChainId,
    string StoreId,
    IReadOnlyList<StoredPromotion> Promotions,
    FeedWatermark? FullWatermark,
    FeedWatermark? DeltaWatermark);

/// <summary>One promotion file for one store.</summary>
/// <param name="Promotions">For <see cref="PromotionFileKind.PromoFull"/> every promotion of the file (the others are
/// deleted); for <see cref="PromotionFileKind.Promo"/> the promotions to add or replace.</param>
public sealed record PromotionChange(
    string ChainId,
    string StoreId,
    PromotionFileKind Kind,
    string ImportId,
    DateTimeOffset FileAt,
    IReadOnlyList<StoredPromotion> Promotions);

/// <summary>The effect of <see cref="PromotionStore.ApplyAsync"/>; unchanged promotions and items are not rewritten.</summary>
public sealed record PromotionApplyOutcome(
    ApplyStatus Status,
    int PromotionsWritten,
    int PromotionsRemoved,
    int ItemsWritten,
    int ItemsRemoved,
    bool WatermarkMoved)
{
    public static PromotionApplyOutcome Stale { get; } = new(ApplyStatus.Stale, 0, 0, 0, 0, false);

    public int Changed => PromotionsWritten + PromotionsRemoved + ItemsWritten + ItemsRemoved;
}
