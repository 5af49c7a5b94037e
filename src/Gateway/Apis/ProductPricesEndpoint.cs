using Gogobe.Contracts.Products;
using Gogobe.Gateway.Queries;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gogobe.Gateway.Apis;

/// <summary><c>GET /api/products/{key}/prices</c>: filters and orders the product's cached offers.</summary>
internal static class ProductPricesEndpoint
{
    public static async Task<Results<Ok<ProductPricesResponse>, ProblemHttpResult>> Handle(
        string key, string? near, string? radiusKm, string? chain, string? sort, string? limit, string? confirmedWithinDays, string? members,
        ProductCatalogView catalog, ProductMasters masters, ConfirmationWindow window, CancellationToken cancellationToken)
    {
        if (!ProductKeyInput.IsValid(key))
        {
            return QueryInput.Invalid("key", ProductKeyInput.Expected);
        }

        if (!QueryInput.TryNear(near, out var point, out var problem)
            || !QueryInput.TryRadius(radiusKm, QueryInput.MaxRadiusKm, out var radius, out problem)
            || !QueryInput.TryInt("limit", limit, 1, 1000, 100, out var count, out problem)
            || !window.TryRead(confirmedWithinDays, out var days, out problem))
        {
            return problem!;
        }

        if (radiusKm is not null && point is null)
        {
            return QueryInput.Invalid("radiusKm", "radiusKm needs near=lat,lon: the distance is measured from there.");
        }

        if (chain is not null && !StoreIdInput.IsValidChain(chain))
        {
            return QueryInput.Invalid("chain", "chain is the chain's number (digits), e.g. 7290058140886.");
        }

        if (!IsKnownSort(sort))
        {
            return QueryInput.Invalid("sort", "sort is 'price' (cheapest first, the default) or 'distance' (nearest first).");
        }

        var byDistance = string.Equals(sort, "distance", StringComparison.OrdinalIgnoreCase);
        if (byDistance && point is null)
        {
            return QueryInput.Invalid("sort", "sort=distance needs near=lat,lon.");
        }

        if (!QueryInput.TryMembers(members, out var allMembers, out problem))
        {
            return problem!;
        }

        var facts = await catalog.FactsAsync(key, cancellationToken);
        string? masterId = null;
        var offers = new List<(StoreOffer Offer, string? Member, string? MatchedBy)>();
        if (allMembers && facts is not null
            && (await masters.MembersOfAsync([key], cancellationToken)).TryGetValue(key, out var master))
        {
            masterId = master.MasterId;
            var memberOffers = await Task.WhenAll(master.Members.Select(m => catalog.OffersAsync(m.ProductKey, cancellationToken)));
            for (var m = 0; m < master.Members.Count; m++)
            {
                offers.AddRange(memberOffers[m].Select(o => (o, (string?)master.Members[m].ProductKey, (string?)master.Members[m].MatchedBy)));
            }
        }
        else
        {
            offers.AddRange((await catalog.OffersAsync(key, cancellationToken)).Select(o => (o, (string?)null, (string?)null)));
        }

        if (offers.Count == 0 && facts is null)
        {
            return QueryInput.NotFound("Product not found", $"No product has the key {key}.");
        }

        var since = window.Since(days);
        var unconfirmed = 0;
        var selected = new List<StorePrice>();
        foreach (var (offer, member, matchedBy) in offers)
        {
            if (chain is not null && offer.ChainId != chain)
            {
                continue;
            }

            double? distance = null;
            if (point is { } p)
            {
                if (offer.Latitude is not { } lat || offer.Longitude is not { } lon || (distance = p.DistanceKm(lat, lon)) > radius)
                {
                    continue;
                }
            }

            if (offer.ConfirmedAt >= since)
            {
                selected.Add(ToPrice(offer, distance) with { Member = member, MatchedBy = matchedBy });
            }
            else
            {
                unconfirmed++;
            }
        }

        IEnumerable<StorePrice> ordered = byDistance
            ? selected.OrderBy(s => s.DistanceKm).ThenBy(s => s.Price)
            : selected.OrderBy(s => s.Promotion?.PricePerItem ?? s.Price).ThenBy(s => s.DistanceKm);
        return TypedResults.Ok(new ProductPricesResponse(key, facts?.Name, selected.Count, days, unconfirmed, ordered.Take(count).ToList()) { MasterId = masterId });
    }

    internal static bool IsKnownSort(string? sort) => sort?.ToLowerInvariant() is null or "" or "price" or "distance";

    private static StorePrice ToPrice(StoreOffer o, double? distance) => new(
        o.ChainId, o.ChainName, o.StoreId, o.StoreName, o.City, o.Address, Location.Of(o.Latitude, o.Longitude, o.LocationPrecision, o.LocationSource),
        distance is { } d ? Math.Round(d, 2) : null, o.Price, o.UnitPrice, o.PriceUpdatedAt, o.ConfirmedAt, PromotionPrice.Of(o.Public), PromotionPrice.Of(o.Club),
        distance is null ? null : Location.IsApproximate(o.LocationPrecision));
}
