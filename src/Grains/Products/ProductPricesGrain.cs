using Gogobe.Contracts.Products;
using Gogobe.Grains.Placement;
using Gogobe.Storage.Products;

namespace Gogobe.Grains.Products;

/// <summary>
/// One product's prices across stores, keyed by the product key, held in memory between changes. The best public
/// promotion and the best club-only offer of each store are attached when they make one item cheaper than the shelf price.
/// Reloads when told that a price or promotion changed, when a loaded promotion ends, and at the latest after
/// <see cref="LongestHold"/>.
/// </summary>
[SiloRolePlacement(SiloRole.Query)]
public sealed class ProductPricesGrain(ProductOfferReader reader, TimeProvider clock) : Grain, IProductPricesGrain
{
    private static readonly TimeSpan LongestHold = TimeSpan.FromMinutes(10);
    private ProductOffers? offers;
    private DateTimeOffset validUntil;

    public async Task<ProductOffers> Get()
    {
        var now = clock.GetUtcNow();
        if (offers is null || now >= validUntil)
        {
            var (prices, promotions) = await reader.ReadAsync(this.GetPrimaryKeyString(), now);
            offers = new ProductOffers(this.GetPrimaryKeyString(), Attach(prices.ConvertAll(ToOffer), promotions), now);
            var firstEnd = promotions.Select(p => p.EndsAt).Where(e => e is not null).Min();
            validUntil = firstEnd is { } end && end < now + LongestHold ? end : now + LongestHold;
        }

        return offers;
    }

    public Task Invalidate()
    {
        offers = null;
        return Task.CompletedTask;
    }

    internal static List<StoreOffer> Attach(List<StoreOffer> prices, List<RunningPromotion> promotions)
    {
        if (promotions.Count == 0)
        {
            return prices;
        }

        var byStore = promotions.ToLookup(p => (p.ChainId, p.StoreId));
        return prices.Select(offer =>
        {
            var running = byStore[(offer.ChainId, offer.StoreId)].Where(p => p.PricePerItem < offer.Price).ToList();
            return running.Count == 0
                ? offer
                : offer with { Public = Best(running.Where(p => !p.IsClubOnly)), Club = Best(running.Where(p => p.IsClubOnly)) };
        }).ToList();
    }

    private static StoreOffer ToOffer(StoreOfferRow o) => new(
        o.ChainId, o.ChainName, o.StoreId, o.StoreName, o.City, o.Address, o.Latitude, o.Longitude, o.Price, o.UnitPrice, o.PriceUpdatedAt,
        null, null, o.LocationPrecision, o.LocationSource, o.ConfirmedAt);

    private static OfferPromotion? Best(IEnumerable<RunningPromotion> promotions) =>
        promotions.OrderBy(p => p.PricePerItem).ThenBy(p => p.PromotionId, StringComparer.Ordinal)
            .Select(p => new OfferPromotion(p.PromotionId, p.Description, p.DiscountedPrice, p.MinQuantity, p.PricePerItem, p.EndsAt))
            .FirstOrDefault();
}
