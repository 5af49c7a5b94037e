namespace Gogobe.Feeds;

/// <summary>Reasons a row is left out while the rest of its file is read, as counted in <see cref="FeedReadResult.RejectedByReason"/>.</summary>
public static class RejectReason
{
    public const string EmptyPrice = "empty-price";
    public const string InvalidPrice = "invalid-price";
    public const string MissingItemCode = "missing-item-code";
    public const string MissingPromotionId = "missing-promotion-id";
    public const string PromotionItemMissingCode = "promotion-item-missing-code";
    public const string MissingStoreId = "missing-store-id";
}
