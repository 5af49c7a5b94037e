namespace Gogobe.Storage.Watches;

/// <summary>
/// A watch fired on a change: what to tell its owner. <paramref name="ChangeId"/> is the change's stable event id, so the
/// outbox keeps one notice per watch and change however often the change is delivered.
/// </summary>
/// <param name="Price">The cheapest price in scope after the change (null when nobody in scope sells it).</param>
/// <param name="ReferencePrice">The reference it was compared with (null for a promotion).</param>
/// <param name="Promotions">The new promotions, as <c>chainId:promotionId description</c>, for a promotion watch.</param>
/// <param name="ChangeTakenAt">When a change stream queue took the change from the broker, if it came through one.</param>
public sealed record WatchNotice(
    string ChangeId,
    string ImportId,
    string? ChainId,
    string? StoreId,
    decimal? Price,
    decimal? ReferencePrice,
    IReadOnlyList<string> Promotions,
    DateTimeOffset? ChangeTakenAt = null);
