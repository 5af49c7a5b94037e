using Gogobe.Storage.Watches;

namespace Gogobe.Grains.Watches;

/// <summary>
/// A product's shelf prices by store, kept in price order as they change: a watch grain updates the few stores a run
/// names, where sorting every store's offer at each run (about 1,000 stores sell a popular product nationally) would
/// cost more than the run's reads. Cheapest first; ties by chain, then store (ordinal).
/// </summary>
public sealed class OfferBook
{
    private static readonly Comparer<WatchedOffer> ByPrice = Comparer<WatchedOffer>.Create(Compare);

    private readonly Dictionary<(string ChainId, string StoreId), WatchedOffer> byStore = [];
    private readonly SortedSet<WatchedOffer> byPrice = new(ByPrice);

    /// <summary>A book of <paramref name="offers"/>; of two offers of one store, the first counts.</summary>
    public OfferBook(IEnumerable<WatchedOffer> offers)
    {
        ArgumentNullException.ThrowIfNull(offers);
        foreach (var offer in offers)
        {
            if (byStore.TryAdd((offer.ChainId, offer.StoreId), offer))
            {
                byPrice.Add(offer);
            }
        }
    }

    public int Count => byStore.Count;

    /// <summary>The book's order: by price, then chain, then store (ordinal).</summary>
    public static int Compare(WatchedOffer a, WatchedOffer b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var order = a.Price.CompareTo(b.Price);
        if (order == 0)
        {
            order = string.CompareOrdinal(a.ChainId, b.ChainId);
        }

        return order == 0 ? string.CompareOrdinal(a.StoreId, b.StoreId) : order;
    }

    /// <summary>The offers, cheapest first.</summary>
    public IEnumerable<WatchedOffer> InPriceOrder => byPrice;

    public bool TryGet(string chainId, string storeId, out WatchedOffer? offer) => byStore.TryGetValue((chainId, storeId), out offer);

    /// <summary>The store's offer replaced by <paramref name="offer"/>.</summary>
    public void Set(WatchedOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        Remove(offer.ChainId, offer.StoreId);
        byStore[(offer.ChainId, offer.StoreId)] = offer;
        byPrice.Add(offer);
    }

    /// <summary>The store no longer sells the product (or is not known to).</summary>
    public void Remove(string chainId, string storeId)
    {
        if (byStore.Remove((chainId, storeId), out var old))
        {
            byPrice.Remove(old);
        }
    }
}
