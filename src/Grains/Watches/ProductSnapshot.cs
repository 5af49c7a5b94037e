using Gogobe.Storage.Products;
using Gogobe.Storage.Watches;

namespace Gogobe.Grains.Watches;

/// <summary>A product's offers now (shelf prices and running promotions), as a watch sees them within its scope.</summary>
public sealed class ProductSnapshot(IReadOnlyList<WatchedOffer> prices, IReadOnlyList<RunningPromotion> promotions)
{
    private readonly Dictionary<(string, string), WatchedOffer> stores =
        prices.GroupBy(p => (p.ChainId, p.StoreId)).ToDictionary(g => g.Key, g => g.First());

    // Cheapest first (ties by chain, then store), sorted once for every watch of the product.
    private readonly WatchedOffer[] byPrice =
        [.. prices.OrderBy(p => p.Price).ThenBy(p => p.ChainId, StringComparer.Ordinal).ThenBy(p => p.StoreId, StringComparer.Ordinal)];

    /// <summary>The cheapest shelf price in the watch's scope; null when no store there sells the product.</summary>
    public WatchedOffer? Cheapest(WatchDefinition watch)
    {
        foreach (var offer in byPrice)
        {
            if (WatchScope.Contains(watch, offer.ChainId, offer.StoreId, offer.Latitude, offer.Longitude))
            {
                return offer;
            }
        }

        return null;
    }

    /// <summary>
    /// The promotions running in the watch's scope, one per <c>chainId:promotionId</c> (a chain runs one promotion in
    /// many stores); a store is placed by its price row, so a place-bound watch sees promotions of stores that list a price.
    /// </summary>
    public IReadOnlyDictionary<string, RunningPromotion> Promotions(WatchDefinition watch)
    {
        var found = new SortedDictionary<string, RunningPromotion>(StringComparer.Ordinal);
        foreach (var promotion in promotions)
        {
            stores.TryGetValue((promotion.ChainId, promotion.StoreId), out var store);
            if (WatchScope.Contains(watch, promotion.ChainId, promotion.StoreId, store?.Latitude, store?.Longitude))
            {
                found.TryAdd($"{promotion.ChainId}:{promotion.PromotionId}", promotion);
            }
        }

        return found;
    }
}
