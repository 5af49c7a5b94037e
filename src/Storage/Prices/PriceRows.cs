using Gogobe.Storage.FeedState;

namespace Gogobe.Storage.Prices;

/// <summary>The two kinds of price file; the names match the feed kinds and the <c>store_feed_state.kind</c> values.</summary>
public enum PriceFileKind
{
    PriceFull,
    Price,
}

/// <summary>One store's current price of one product, as stored.</summary>
public sealed record StoredPrice(
    string ProductKey,
    decimal Price,
    decimal? UnitPrice,
    bool Available,
    DateTimeOffset? PriceUpdatedAt,
    DateTimeOffset FileAt);

/// <summary>A store's whole price list with the newest applied <c>PriceFull</c> and <c>Price</c> files.</summary>
public sealed record PriceListSnapshot(
    string ChainId,
    string StoreId,
    IReadOnlyList<StoredPrice> Prices,
    FeedWatermark? FullWatermark,
    FeedWatermark? DeltaWatermark);

/// <summary>A new or changed price with the product facts the file gives for it.</summary>
/// <param name="IsInternalCode">The item code is a chain-internal code, not a barcode.</param>
/// <param name="PriceUpdatedAt">When the chain says the price changed; the change is recorded at the file's time when absent.</param>
public sealed record PriceChangeRow(
    string ProductKey,
    string ItemCode,
    bool IsInternalCode,
    decimal Price,
    decimal? UnitPrice,
    DateTimeOffset? PriceUpdatedAt,
    string Name,
    string? Manufacturer,
    string? Country,
    string? Description,
    decimal? Quantity,
    string? Unit,
    string? UnitText,
    bool IsWeighted);

/// <summary>What one file changed in one store's price list, as computed by the caller.</summary>
/// <param name="Upserts">New items and items whose price changed.</param>
/// <param name="Removed">Product keys a full list no longer has; they become unavailable. Empty for a delta.</param>
public sealed record PriceListChange(
    string ChainId,
    string StoreId,
    PriceFileKind Kind,
    string ImportId,
    DateTimeOffset FileAt,
    IReadOnlyList<PriceChangeRow> Upserts,
    IReadOnlyList<string> Removed)
{
    /// <summary>For a full list read without rejected rows: its content fingerprint, recorded with the watermark.</summary>
    public ContentIdentity? Content { get; init; }
}

/// <summary>The fingerprint of a full list's decompressed content and how many rows it held.</summary>
public sealed record ContentIdentity(string Fingerprint, int Rows);

/// <summary>The effect of <see cref="PriceListStore.ApplyAsync"/>.</summary>
/// <param name="PricesWritten">store_prices rows inserted or updated.</param>
/// <param name="ChangesRecorded">price_changes rows added (new prices, removals and returns of known items).</param>
/// <param name="Removed">Items marked unavailable.</param>
/// <param name="WatermarkMoved">The kind's watermark moved to this file.</param>
public sealed record PriceListApplyOutcome(
    ApplyStatus Status,
    int PricesWritten,
    int ChangesRecorded,
    int Removed,
    bool WatermarkMoved)
{
    public static PriceListApplyOutcome Stale { get; } = new(ApplyStatus.Stale, 0, 0, 0, false);

    /// <summary>
    /// Product keys this file added to the catalogue (whatever became of its prices), for matching. Not part of the
    /// outcome's equality, which compares what was written to the store's prices.
    /// </summary>
    public IReadOnlyList<string> NewProducts { get; init; } = [];

    public bool Equals(PriceListApplyOutcome? other) =>
        other is not null && (Status, PricesWritten, ChangesRecorded, Removed, WatermarkMoved) == (other.Status, other.PricesWritten, other.ChangesRecorded, other.Removed, other.WatermarkMoved);

    public override int GetHashCode() => HashCode.Combine(Status, PricesWritten, ChangesRecorded, Removed, WatermarkMoved);
}
