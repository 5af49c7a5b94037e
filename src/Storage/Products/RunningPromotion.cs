namespace Gogobe.Storage.Products;

/// <summary>
/// A promotion in one store on the product, as read: running at the time of the read, or (for a watch grain, which keeps
/// them) not ended by then, so that <see cref="RunsAt"/> tells later whether it runs.
/// </summary>
public sealed record RunningPromotion(
    string ChainId, string StoreId, string PromotionId, string? Description, bool IsClubOnly, decimal DiscountedPrice, decimal MinQuantity, DateTimeOffset? EndsAt,
    DateTimeOffset? StartsAt = null)
{
    public decimal PricePerItem => Math.Round(DiscountedPrice / MinQuantity, 2, MidpointRounding.AwayFromZero);

    /// <summary>Whether the promotion runs at <paramref name="at"/> (both ends included, as the read's condition).</summary>
    public bool RunsAt(DateTimeOffset at) => (StartsAt is null || StartsAt <= at) && (EndsAt is null || EndsAt >= at);

    /// <summary>Whether the promotion ended before <paramref name="at"/>: it never runs again unless its store publishes it again.</summary>
    public bool EndedBy(DateTimeOffset at) => EndsAt < at;
}
