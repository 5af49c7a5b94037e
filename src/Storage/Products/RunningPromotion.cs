namespace Gogobe.Storage.Products;

/// <summary>A promotion running in one store on the product, as read.</summary>
public sealed record RunningPromotion(
    string ChainId, string StoreId, string PromotionId, string? Description, bool IsClubOnly, decimal DiscountedPrice, decimal MinQuantity, DateTimeOffset? EndsAt)
{
    public decimal PricePerItem => Math.Round(DiscountedPrice / MinQuantity, 2, MidpointRounding.AwayFromZero);
}
