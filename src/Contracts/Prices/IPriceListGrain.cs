namespace Gogobe.Contracts.Prices;

/// <summary>
/// The current prices of one store, keyed <c>chainId:storeId</c>. Activates with the store's watermarks only and loads
/// the prices from PostgreSQL the first time a file must be compared with them, then keeps them in memory while active.
/// Data older than what was applied is ignored; only real changes are written.
/// </summary>
public interface IPriceListGrain : IGrainWithStringKey
{
    /// <summary>A full list: replaces the store's list as of its timestamp; items missing from it become unavailable.</summary>
    Task<PriceApplyResult> ApplyFull(PriceBatch batch);

    /// <summary>A delta: updates the items it lists.</summary>
    Task<PriceApplyResult> ApplyDelta(PriceBatch batch);

    /// <summary>
    /// The content fingerprint of the applied full list when a newer file with that same content could be applied by
    /// <see cref="ApplyUnchangedFull"/> (no delta was applied on top of it); otherwise null.
    /// </summary>
    Task<string?> GetFullListFingerprint();

    /// <summary>
    /// A newer full list whose content has the given fingerprint, applied without its rows: when it equals the applied
    /// list's, nothing but the watermark changes. Null when it does not (or no longer) match: apply the file in full.
    /// </summary>
    Task<PriceApplyResult?> ApplyUnchangedFull(string importId, DateTimeOffset fileTimestamp, string contentFingerprint);
}

/// <summary>
/// The rows of one file for one store. <see cref="ContentFingerprint"/> is set for a file read whole without rejected
/// rows, so that the next file with the same content can be recognised without its rows.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PriceBatch(
    [property: Id(0)] string ImportId,
    [property: Id(1)] DateTimeOffset FileTimestamp,
    [property: Id(2)] IReadOnlyList<PriceRow> Rows,
    [property: Id(3)] string? ContentFingerprint = null)
{
    /// <summary>
    /// Set by a reader in this process whose product keys are the silo's shared instances, so that a price list keeping
    /// them need not look each one up again. Not serialized: a batch sent to another silo arrives there with copies of
    /// its keys and without the mark.
    /// </summary>
    [field: NonSerialized]
    public bool KeysShared { get; init; }
}

/// <summary>One item's price with the product facts the file gives for it.</summary>
[GenerateSerializer, Immutable]
public sealed record PriceRow(
    [property: Id(0)] string ProductKey,
    [property: Id(1)] string ItemCode,
    [property: Id(2)] bool IsInternalCode,
    [property: Id(3)] decimal Price,
    [property: Id(4)] decimal? UnitPrice,
    [property: Id(5)] DateTimeOffset? PriceUpdatedAt,
    [property: Id(6)] string Name,
    [property: Id(7)] string? Manufacturer,
    [property: Id(8)] string? Country,
    [property: Id(9)] string? Description,
    [property: Id(10)] decimal? Quantity,
    [property: Id(11)] string? Unit,
    [property: Id(12)] string? UnitText,
    [property: Id(13)] bool IsWeighted);

[GenerateSerializer, Immutable]
public sealed record PriceApplyResult(
    [property: Id(0)] bool Applied,
    [property: Id(1)] int Rows,
    [property: Id(2)] int Changed,
    [property: Id(3)] int Removed,
    [property: Id(4)] string? SkippedReason);
