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

    /// <summary>A number the store cannot keep (a price of 10^10 or more, a quantity of 10^11 or more, a rate of 10^5 or more).</summary>
    public const string ValueOutOfRange = "value-out-of-range";
}
