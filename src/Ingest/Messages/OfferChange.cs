using Gogobe.Contracts.Events;

namespace Gogobe.Ingest.Messages;

/// <summary>What a committed <see cref="PricesChanged"/> or <see cref="PromotionsChanged"/> means to a cache of offers.</summary>
/// <param name="ProductKeys">Products whose offers in the store may differ.</param>
/// <param name="Truncated">More products are affected than <paramref name="ProductKeys"/> lists: treat every product of the store as changed.</param>
public sealed record OfferChange(
    OfferChangeKind Kind,
    string ChainId,
    string StoreId,
    string ImportId,
    IReadOnlyList<string> ProductKeys,
    bool Truncated)
{
    public static OfferChange From(PricesChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new(OfferChangeKind.Prices, change.ChainId, change.StoreId, change.ImportId, change.ProductKeys, change.Truncated);
    }

    public static OfferChange From(PromotionsChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new(OfferChangeKind.Promotions, change.ChainId, change.StoreId, change.ImportId, change.ProductKeys, change.Truncated);
    }
}
