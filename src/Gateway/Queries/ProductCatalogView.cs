using System.ComponentModel;
using Gogobe.Contracts.Products;
using Gogobe.Gateway.Caching;

namespace Gogobe.Gateway.Queries;

/// <summary>Product facts and prices as the gateway serves them: from the product grains, through the query cache.</summary>
public sealed class ProductCatalogView(IClusterClient cluster, QueryCache cache)
{
    public async Task<ProductFacts?> FactsAsync(string productKey, CancellationToken cancellationToken)
    {
        var cached = await cache.ForProductAsync("facts", productKey,
            async _ => new CachedFacts(await cluster.GetGrain<IProductGrain>(productKey).Get()), cancellationToken);
        return cached.Facts;
    }

    public async Task<IReadOnlyList<StoreOffer>> OffersAsync(string productKey, CancellationToken cancellationToken)
    {
        var cached = await cache.ForProductAsync("offers", productKey,
            async _ => new CachedOffers([.. (await cluster.GetGrain<IProductPricesGrain>(productKey).Get()).Offers]), cancellationToken);
        return cached.Offers;
    }

    /// <summary>A product's facts or null; immutable so the in-process cache hands out the same instance.</summary>
    [ImmutableObject(true)]
    public sealed record CachedFacts(ProductFacts? Facts);

    /// <summary>A product's offers in every store; immutable so the in-process cache hands out the same instance.</summary>
    [ImmutableObject(true)]
    public sealed record CachedOffers(StoreOffer[] Offers);
}
