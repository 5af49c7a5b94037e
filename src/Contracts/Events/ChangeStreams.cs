namespace Gogobe.Contracts.Events;

/// <summary>
/// The Orleans streams that carry committed changes to their followers: every <see cref="PricesChanged"/> and
/// <see cref="PromotionsChanged"/> on the broker becomes one <see cref="OfferChanged"/> on the stream of each product it
/// names, so a follower of a product (its watchers, a cache) activates only when that product moves.
/// </summary>
public static class ChangeStreams
{
    /// <summary>The name the stream provider is registered under in every silo.</summary>
    public const string Provider = "changes";

    /// <summary>Namespace of the per-product streams; the stream key is the product key (<c>StreamId.Create(Products, key)</c>).</summary>
    public const string Products = "product-offers";
}
