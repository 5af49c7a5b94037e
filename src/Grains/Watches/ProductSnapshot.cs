using Gogobe.Storage.Products;
using Gogobe.Storage.Watches;

namespace Gogobe.Grains.Watches;

/// <summary>
/// A product's offers now (shelf prices and running promotions), as a watch sees them within its scope. It reads the
/// grain's <see cref="OfferBook"/>, which must not change while the snapshot is in use.
/// </summary>
public sealed class ProductSnapshot(OfferBook prices, IReadOnlyList<RunningPromotion> promotions)
{
    /// <summary>A snapshot of <paramref name="prices"/> (of two offers of one store, the first counts).</summary>
    public ProductSnapshot(IReadOnlyList<WatchedOffer> prices, IReadOnlyList<RunningPromotion> promotions)
        : this(new OfferBook(prices), promotions)
    {
    }

    /// <summary>The cheapest shelf price in the watch's scope; null when no store there sells the product.</summary>
    public WatchedOffer? Cheapest(WatchDefinition watch)
    {
        ArgumentNullException.ThrowIfNull(watch);
        if (watch is { Chains.Count: 0, Stores.Count: > 0, RadiusKm: null })
        {
            return CheapestOfStores(watch);
        }

        foreach (var offer in prices.InPriceOrder)
        {
            if (WatchScope.Contains(watch, offer.ChainId, offer.StoreId, offer.Latitude, offer.Longitude))
            {
                return offer;
            }
        }

        return null;
    }

    /// <summary>A watch of named stores only: each looked up, not the whole book walked.</summary>
    private WatchedOffer? CheapestOfStores(WatchDefinition watch)
    {
        WatchedOffer? cheapest = null;
        foreach (var named in watch.Stores)
        {
            var colon = named.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && prices.TryGet(named[..colon], named[(colon + 1)..], out var offer) && offer is not null
                && (cheapest is null || OfferBook.Compare(offer, cheapest) < 0))
            {
                cheapest = offer;
            }
        }

        return cheapest;
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
            prices.TryGet(promotion.ChainId, promotion.StoreId, out var store);
            if (WatchScope.Contains(watch, promotion.ChainId, promotion.StoreId, store?.Latitude, store?.Longitude))
            {
                found.TryAdd($"{promotion.ChainId}:{promotion.PromotionId}", promotion);
            }
        }

        return found;
    }
}
