using Gogobe.Contracts.Products;
using Gogobe.Gateway.Queries;

namespace Gogobe.Gateway.Baskets;

/// <summary>
/// Prices a basket in the stores near a point from the products' cached offers confirmed since a time, then asks the optimiser.
/// </summary>
public sealed class BasketPlanner(ProductCatalogView catalog)
{
    private const int RankedStores = 20;

    public async Task<BasketResponse> PlanAsync(
        IReadOnlyList<(string Key, decimal Quantity)> items, GeoPoint? near, double radiusKm, int maxStores, DateTimeOffset confirmedSince, CancellationToken cancellationToken)
    {
        var offers = await Task.WhenAll(items.Select(i => catalog.OffersAsync(i.Key, cancellationToken)));
        var stores = new List<(StoreOffer Store, double? Distance)>();
        var index = new Dictionary<(string, string), int>();
        var costs = new List<decimal?[]>();
        var units = new List<(decimal Unit, bool Promotion)[]>();
        for (var i = 0; i < items.Count; i++)
        {
            foreach (var offer in offers[i])
            {
                double? distance = null;
                if (!(offer.ConfirmedAt >= confirmedSince)
                    || (near is { } p && (offer.Latitude is not { } lat || offer.Longitude is not { } lon || (distance = p.DistanceKm(lat, lon)) > radiusKm)))
                {
                    continue;
                }

                if (!index.TryGetValue((offer.ChainId, offer.StoreId), out var s))
                {
                    index[(offer.ChainId, offer.StoreId)] = s = stores.Count;
                    stores.Add((offer, distance));
                    costs.Add(new decimal?[items.Count]);
                    units.Add(new (decimal, bool)[items.Count]);
                }

                var promotion = offer.Public is { } promo && items[i].Quantity >= promo.MinQuantity && promo.PricePerItem < offer.Price;
                var unit = promotion ? offer.Public!.PricePerItem : offer.Price;
                units[s][i] = (unit, promotion);
                costs[s][i] = Math.Round(unit * items[i].Quantity, 2, MidpointRounding.AwayFromZero);
            }
        }

        var echo = items.Select(i => new BasketItemRequest(i.Key, i.Quantity)).ToList();
        if (stores.Count == 0)
        {
            return new BasketResponse(echo, 0, [], null, null);
        }

        var ranked = Enumerable.Range(0, stores.Count).Select(s => BasketOptimiser.Evaluate(costs, [s], items.Count))
            .OrderBy(c => c.Missing).ThenBy(c => c.Total).ThenBy(c => stores[c.Stores[0]].Distance ?? 0).ToList();
        var dearest = ranked.Where(c => c.Missing == 0).Select(c => (decimal?)c.Total).Max();
        BasketStoreTotal Total(BasketChoice c)
        {
            var (store, distance) = stores[c.Stores[0]];
            var missing = Enumerable.Range(0, items.Count).Where(i => c.Assignment[i] < 0).Select(i => items[i].Key).ToList();
            return new BasketStoreTotal(store.ChainId, store.ChainName, store.StoreId, store.StoreName, store.City, Round(distance), c.Total,
                items.Count - c.Missing, missing, c.Missing == 0 ? dearest - c.Total : null);
        }

        var cheapest = ranked[0];
        var split = BasketOptimiser.CheapestSplit(costs, items.Count, maxStores);
        var splitStores = split.Stores.Select(s =>
        {
            var (store, distance) = stores[s];
            var lines = Enumerable.Range(0, items.Count).Where(i => split.Assignment[i] == s)
                .Select(i => new SplitLine(items[i].Key, items[i].Quantity, units[s][i].Unit, costs[s][i]!.Value, units[s][i].Promotion)).ToList();
            return new SplitStore(store.ChainId, store.ChainName, store.StoreId, store.StoreName, store.City, Round(distance), lines.Sum(l => l.LineTotal), lines);
        }).ToList();
        var splitMissing = Enumerable.Range(0, items.Count).Where(i => split.Assignment[i] < 0).Select(i => items[i].Key).ToList();
        var savings = split.Missing == cheapest.Missing ? cheapest.Total - split.Total : (decimal?)null;
        return new BasketResponse(echo, stores.Count, ranked.Take(RankedStores).Select(Total).ToList(), Total(cheapest),
            new BasketSplit(split.Total, splitMissing, savings, splitStores));
    }

    private static double? Round(double? distance) => distance is { } d ? Math.Round(d, 2) : null;
}
