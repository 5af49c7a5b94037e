namespace Gogobe.Silo.Alerts;

/// <summary>
/// What a webhook receives (JSON, camelCase) and an email lists: a user's notices of the digest window, from any
/// number of imports. <paramref name="Id"/> is the delivery's idempotency key, also sent in the <c>Idempotency-Key</c> header.
/// </summary>
public sealed record DigestBody(int V, Guid Id, string UserId, IReadOnlyList<DigestItem> Notifications)
{
    /// <summary>The version of the body: 2 since a digest spans imports (each item names its own).</summary>
    public const int Version = 2;
}

/// <summary>One watch that fired. <paramref name="Key"/> (<c>watchId:changeId</c>) is unique per watch and change.</summary>
public sealed record DigestItem(
    string Key, long WatchId, string ImportId, string ProductKey, string? ProductName, string Condition, decimal? Threshold, string? ChainId, string? StoreId,
    decimal? Price, decimal? ReferencePrice, IReadOnlyList<string> Promotions, DateTimeOffset At);
