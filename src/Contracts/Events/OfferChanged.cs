namespace Gogobe.Contracts.Events;

/// <summary>What changed: a price list or the promotions of a store.</summary>
public enum OfferChangeKind
{
    Prices,
    Promotions,
}

/// <summary>
/// One product's offers changed in one store: an item on the product's stream (namespace <see cref="ChangeStreams.Products"/>).
/// </summary>
/// <param name="EventId">
/// Stable for the same change however often it is delivered (kind, import, store and product), so a follower that keeps
/// the ids it handled can drop repeats.
/// </param>
/// <param name="FileAt">The timestamp the chain wrote in the file that made the change.</param>
/// <param name="TakenAt">
/// When a change stream queue took the change from the broker (null when it did not come through one); what the watch
/// grains write with their notices, so that the time before a notice can be split into the broker and the queue.
/// </param>
[GenerateSerializer, Immutable]
public sealed record OfferChanged(
    [property: Id(0)] string EventId,
    [property: Id(1)] OfferChangeKind Kind,
    [property: Id(2)] string ProductKey,
    [property: Id(3)] string ChainId,
    [property: Id(4)] string StoreId,
    [property: Id(5)] string ImportId,
    [property: Id(6)] DateTimeOffset FileAt,
    [property: Id(7)] DateTimeOffset? TakenAt = null)
{
    /// <summary>The id of a change: equal for the same kind, import, store and product.</summary>
    public static string IdOf(OfferChangeKind kind, string importId, string chainId, string storeId, string productKey) =>
        $"{(kind == OfferChangeKind.Prices ? "p" : "q")}:{importId}:{chainId}:{storeId}:{productKey}";
}
