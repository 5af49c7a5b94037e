namespace Gogobe.Contracts.Products;

/// <summary>
/// The current prices of one product in every store that sells it, keyed by the product key. Loaded from the
/// current prices and running promotions on first use and kept in memory until <see cref="Invalidate"/>.
/// </summary>
public interface IProductPricesGrain : IGrainWithStringKey
{
    Task<ProductOffers> Get();

    /// <summary>Forgets the loaded prices (a price of the product changed); the next <see cref="Get"/> reads them again.</summary>
    Task Invalidate();
}

/// <summary>Where the product is sold now and for how much; <paramref name="Offers"/> is empty when nobody sells it.</summary>
[GenerateSerializer, Immutable]
public sealed record ProductOffers(
    [property: Id(0)] string ProductKey,
    [property: Id(1)] IReadOnlyList<StoreOffer> Offers,
    [property: Id(2)] DateTimeOffset LoadedAt);

/// <summary>The product's price in one store, with the store's place and the best promotions running now.</summary>
/// <param name="Public">The best promotion anyone gets; null when none applies.</param>
/// <param name="Club">The best club-only offer, kept apart from the public price.</param>
/// <param name="LocationPrecision"><c>address</c>, <c>street</c> or <c>locality</c> (its locality's centre).</param>
/// <param name="LocationSource"><c>feed</c>, <c>geocoder</c> or <c>localities</c>.</param>
/// <param name="ConfirmedAt">Publication time of the newest file that confirmed the price.</param>
[GenerateSerializer, Immutable]
public sealed record StoreOffer(
    [property: Id(0)] string ChainId,
    [property: Id(1)] string? ChainName,
    [property: Id(2)] string StoreId,
    [property: Id(3)] string? StoreName,
    [property: Id(4)] string? City,
    [property: Id(5)] string? Address,
    [property: Id(6)] double? Latitude,
    [property: Id(7)] double? Longitude,
    [property: Id(8)] decimal Price,
    [property: Id(9)] decimal? UnitPrice,
    [property: Id(10)] DateTimeOffset? PriceUpdatedAt,
    [property: Id(11)] OfferPromotion? Public,
    [property: Id(12)] OfferPromotion? Club,
    [property: Id(13)] string? LocationPrecision,
    [property: Id(14)] string? LocationSource,
    [property: Id(15)] DateTimeOffset? ConfirmedAt);

/// <summary>
/// A running promotion on the product: <paramref name="DiscountedPrice"/> as published for <paramref name="MinQuantity"/>
/// items; <paramref name="PricePerItem"/> is what one item costs when bought that way.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record OfferPromotion(
    [property: Id(0)] string PromotionId,
    [property: Id(1)] string? Description,
    [property: Id(2)] decimal DiscountedPrice,
    [property: Id(3)] decimal MinQuantity,
    [property: Id(4)] decimal PricePerItem,
    [property: Id(5)] DateTimeOffset? EndsAt);
