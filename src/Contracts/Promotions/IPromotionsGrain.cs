namespace Gogobe.Contracts.Promotions;

/// <summary>The running promotions of one store, keyed <c>chainId:storeId</c>; public and club-only apart.</summary>
public interface IPromotionsGrain : IGrainWithStringKey
{
    Task<PromotionApplyResult> ApplyFull(PromotionBatch batch);

    Task<PromotionApplyResult> ApplyDelta(PromotionBatch batch);
}

[GenerateSerializer, Immutable]
public sealed record PromotionBatch(
    [property: Id(0)] string ImportId,
    [property: Id(1)] DateTimeOffset FileTimestamp,
    [property: Id(2)] IReadOnlyList<PromotionRow> Promotions);

[GenerateSerializer, Immutable]
public sealed record PromotionRow(
    [property: Id(0)] string PromotionId,
    [property: Id(1)] string? Description,
    [property: Id(2)] DateTimeOffset? StartsAt,
    [property: Id(3)] DateTimeOffset? EndsAt,
    [property: Id(4)] int? RewardType,
    [property: Id(5)] bool IsClubOnly,
    [property: Id(6)] IReadOnlyList<string> ClubIds,
    [property: Id(7)] decimal? MinQuantity,
    [property: Id(8)] decimal? MaxQuantity,
    [property: Id(9)] decimal? DiscountedPrice,
    [property: Id(10)] decimal? DiscountedPricePerUnit,
    [property: Id(11)] decimal? DiscountRate,
    [property: Id(12)] int? DiscountType,
    [property: Id(13)] decimal? MinPurchaseAmount,
    [property: Id(14)] bool AllowMultipleDiscounts,
    [property: Id(15)] bool IsWeighted,
    [property: Id(16)] DateTimeOffset? UpdatedAt,
    [property: Id(17)] IReadOnlyList<PromotionItemRow> Items);

[GenerateSerializer, Immutable]
public sealed record PromotionItemRow(
    [property: Id(0)] string ProductKey,
    [property: Id(1)] bool IsGift,
    [property: Id(2)] int? RewardType,
    [property: Id(3)] decimal? MinQuantity,
    [property: Id(4)] decimal? MaxQuantity,
    [property: Id(5)] decimal? DiscountedPrice,
    [property: Id(6)] decimal? DiscountRate);

[GenerateSerializer, Immutable]
public sealed record PromotionApplyResult(
    [property: Id(0)] bool Applied,
    [property: Id(1)] int Promotions,
    [property: Id(2)] int Items,
    [property: Id(3)] int Changed,
    [property: Id(4)] string? SkippedReason);
