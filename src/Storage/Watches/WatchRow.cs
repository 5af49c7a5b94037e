namespace Gogobe.Storage.Watches;

/// <summary>
/// A stored watch with its state: <paramref name="ReferencePrice"/> (the cheapest price in scope when armed or last
/// notified) and <paramref name="KnownPromotions"/> (<c>chainId:promotionId</c> already running or notified); both are
/// set when the watch is armed (<paramref name="ArmedAt"/>).
/// </summary>
public sealed record WatchRow(
    long WatchId,
    string UserId,
    WatchDefinition Definition,
    decimal? ReferencePrice,
    IReadOnlyList<string> KnownPromotions,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ArmedAt,
    DateTimeOffset? NotifiedAt);
