using Gogobe.Contracts.Products;
using Gogobe.Gateway.Queries;

namespace Gogobe.Gateway.Baskets;

/// <summary>
/// Prices a basket in the stores near a point from the products' cached offers confirmed since a time, then asks the
/// optimiser. A store that does not sell an item under its key but sells another member of the item's master product
/// is priced with that member (the cheapest, when it sells several), and the answer names it.
/// </summary>
public sealed class BasketPlanner(ProductCatalogView catalog, ProductMasters masters)
{
    private const int RankedStores = 20;

    public async Task<BasketResponse> PlanAsync(
        IReadOnlyList<(string Key, decimal Quantity)> items, GeoPoint? near, double radiusKm, int maxStores, DateTimeOffset confirmedSince, CancellationToken cancellationToken)
    {
        var memberships = await masters.MembersOfAsync(items.Select(i => i.Key).ToList(), cancellationToken);
        var offers = await Task.WhenAll(items.Select(i => OffersAsync(i.Key, memberships, cancellationToken)));
        var stores = new List<(StoreOffer Store, double? Distance)>();
        var index = new Dictionary<(string, string), int>();
        var costs = new List<decimal?[]>();
        var units = new List<(decimal Unit, bool Promotion, Storage.Matching.MasterMember? Member)[]>();
        for (var i = 0; i < items.Count; i++)
        {
            foreach (var (offer, member) in offers[i])
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
                    units.Add(new (decimal, bool, Storage.Matching.MasterMember?)[items.Count]);
                }

                var promotion = offer.Public is { } promo && items[i].Quantity >= promo.MinQuantity && promo.PricePerItem < offer.Price;
                var unit = promotion ? offer.Public!.PricePerItem : offer.Price;
                var cost = Math.Round(unit * items[i].Quantity, 2, MidpointRounding.AwayFromZero);

                // The item's own key first (its offers come first); another member only where the store lacks it.
                if (costs[s][i] is { } known && (member is null || units[s][i].Member is null || known <= cost))
                {
                    continue;
                }

                units[s][i] = (unit, promotion, member);
                costs[s][i] = cost;
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
            var s = c.Stores[0];
            var viaMembers = Enumerable.Range(0, items.Count).Where(i => c.Assignment[i] >= 0 && units[s][i].Member is not null)
                .Select(i => new BasketMemberMatch(items[i].Key, units[s][i].Member!.ProductKey, units[s][i].Member!.MatchedBy, Math.Round(units[s][i].Member!.Confidence, 3)))
                .ToList();
            return new BasketStoreTotal(store.ChainId, store.ChainName, store.StoreId, store.StoreName, store.City, Round(distance), c.Total,
                items.Count - c.Missing, missing, c.Missing == 0 ? dearest - c.Total : null) { Members = viaMembers };
        }

        var cheapest = ranked[0];
        var split = BasketOptimiser.CheapestSplit(costs, items.Count, maxStores);
        var splitStores = split.Stores.Select(s =>
        {
            var (store, distance) = stores[s];
            var lines = Enumerable.Range(0, items.Count).Where(i => split.Assignment[i] == s)
                .Select(i => new SplitLine(items[i].Key, items[i].Quantity, units[s][i].Unit, costs[s][i]!.Value, units[s][i].Promotion)
                {
                    Member = units[s][i].Member?.ProductKey,
                    MatchedBy = units[s][i].Member?.MatchedBy,
                }).ToList();
            return new SplitStore(store.ChainId, store.ChainName, store.StoreId, store.StoreName, store.City, Round(distance), lines.Sum(l => l.LineTotal), lines);
        }).ToList();
        var splitMissing = Enumerable.Range(0, items.Count).Where(i => split.Assignment[i] < 0).Select(i => items[i].Key).ToList();
        var savings = split.Missing == cheapest.Missing ? cheapest.Total - split.Total : (decimal?)null;
        return new BasketResponse(echo, stores.Count, ranked.Take(RankedStores).Select(Total).ToList(), Total(cheapest),
            new BasketSplit(split.Total, splitMissing, savings, splitStores));
    }

    /// <summary>The item's offers (member null), then those of the other members of its master product.</summary>
    private async Task<List<(StoreOffer Offer, Storage.Matching.MasterMember? Member)>> OffersAsync(
        string key, Dictionary<string, (string MasterId, List<Storage.Matching.MasterMember> Members)> memberships, CancellationToken cancellationToken)
    {
        var found = (await catalog.OffersAsync(key, cancellationToken)).Select(o => (o, (Storage.Matching.MasterMember?)null)).ToList();
        var others = memberships.TryGetValue(key, out var master) ? master.Members.Where(m => m.ProductKey != key).ToList() : [];
        var theirs = await Task.WhenAll(others.Select(m => catalog.OffersAsync(m.ProductKey, cancellationToken)));
        for (var m = 0; m < others.Count; m++)
        {
            found.AddRange(theirs[m].Select(o => (o, (Storage.Matching.MasterMember?)others[m])));
        }

        return found;
    }

    private static double? Round(double? distance) => distance is { } d ? Math.Round(d, 2) : null;
}
