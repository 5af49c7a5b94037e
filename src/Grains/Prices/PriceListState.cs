using Gogobe.Contracts.Prices;
using Gogobe.Storage.FeedState;
using Gogobe.Grains.Imports;
using Gogobe.Storage.Prices;

namespace Gogobe.Grains.Prices;

/// <summary>
/// A store's current prices in memory and the rules that turn a file into the changes to write:
/// a full list replaces the list as of its timestamp, a delta updates what it lists, older data changes nothing.
/// </summary>
internal sealed class PriceListState
{
    private readonly Dictionary<string, Entry>? loaded;

    private PriceListState(Dictionary<string, Entry>? items, FeedWatermark? full, FeedWatermark? delta)
    {
        loaded = items;
        Full = full;
        Delta = delta;
    }

    /// <summary>Whether the prices are in memory; a state made from the watermarks alone has none yet.</summary>
    public bool PricesLoaded => loaded is not null;

    private Dictionary<string, Entry> Items =>
        loaded ?? throw new InvalidOperationException("The price list's prices are not loaded; load them before comparing or reading prices.");

    public FeedWatermark? Full { get; private set; }

    public FeedWatermark? Delta { get; private set; }

    public int Count => Items.Count;

    /// <summary>The watermarks alone: enough to tell stale and unchanged files, and to move the watermark.</summary>
    public static PriceListState WatermarksOnly(FeedWatermark? full, FeedWatermark? delta) => new(null, full, delta);

    public static PriceListState From(PriceListSnapshot snapshot)
    {
        var prices = new Dictionary<string, Entry>(snapshot.Prices.Count, StringComparer.Ordinal);
        foreach (var p in snapshot.Prices)
        {
            prices[TextPool.Share(p.ProductKey)] = new Entry(p.Price, p.UnitPrice, p.Available, p.FileAt);
        }

        return new PriceListState(prices, snapshot.FullWatermark, snapshot.DeltaWatermark);
    }

    /// <summary>An item's price as held now; null when the store never listed it.</summary>
    public Entry? Get(string productKey) => Items.TryGetValue(productKey, out var e) ? e : null;

    /// <summary>The applied full list's fingerprint while the prices are exactly that list's (no delta applied since).</summary>
    public string? FullListFingerprint =>
        Full is { ContentFingerprint: { } fingerprint } full && (Delta is null || Delta.FileAt < full.FileAt) ? fingerprint : null;

    /// <summary>Why a full list at this time changes nothing regardless of its content, or null.</summary>
    public string? StaleReason(PriceFileKind kind, string importId, DateTimeOffset fileAt)
    {
        if (Full is { } full && (kind == PriceFileKind.PriceFull ? fileAt <= full.FileAt : fileAt < full.FileAt))
        {
            return full.ImportId == importId ? "already applied" : "older than the applied full price list";
        }

        return kind == PriceFileKind.Price && Delta is { } delta && delta.ImportId == importId ? "already applied" : null;
    }

    /// <summary>Takes in a newer full list with the applied list's content: only the watermark moves.</summary>
    public void CommitUnchangedFull(string importId, DateTimeOffset fileAt) =>
        Full = Full! with { FileAt = fileAt, ImportId = importId };

    /// <summary>The changes a file makes, or why it makes none.</summary>
    public PriceDiff Diff(PriceFileKind kind, PriceBatch batch)
    {
        if (StaleReason(kind, batch.ImportId, batch.FileTimestamp) is { } reason)
        {
            return PriceDiff.Skip(reason);
        }

        var latest = LatestPerProduct(batch.Rows);
        var upserts = new List<PriceRow>(Items.Count == 0 ? latest.Count : 0);
        foreach (var row in latest.Values)
        {
            if (!Items.TryGetValue(row.ProductKey, out var current)
                || (current.FileAt <= batch.FileTimestamp && (!current.Available || current.Price != row.Price || current.UnitPrice != row.UnitPrice)))
            {
                upserts.Add(row);
            }
        }

        var removed = new List<string>();
        if (kind == PriceFileKind.PriceFull)
        {
            foreach (var (key, entry) in Items)
            {
                if (entry.Available && entry.FileAt <= batch.FileTimestamp && !latest.ContainsKey(key))
                {
                    removed.Add(key);
                }
            }
        }

        return new PriceDiff(upserts, removed, latest.Count, null);
    }

    /// <summary>Takes the diff in once it is committed.</summary>
    public void Commit(PriceFileKind kind, PriceBatch batch, PriceDiff diff)
    {
        Items.EnsureCapacity(Items.Count + diff.Upserts.Count);
        foreach (var row in diff.Upserts)
        {
            // Keys are shared across the store lists of a silo (a batch from another silo arrives with copies of its own).
            var key = batch.KeysShared ? row.ProductKey : TextPool.Share(row.ProductKey);
            Items[key] = new Entry(row.Price, row.UnitPrice, true, batch.FileTimestamp);
        }

        foreach (var key in diff.Removed)
        {
            Items[key] = Items[key] with { Available = false, FileAt = batch.FileTimestamp };
        }

        var mark = new FeedWatermark(batch.FileTimestamp, batch.ImportId, batch.ContentFingerprint, batch.Rows.Count);
        if (kind == PriceFileKind.PriceFull)
        {
            Full = mark;
        }
        else if (Delta is null || Delta.FileAt < batch.FileTimestamp)
        {
            Delta = mark;
        }
    }

    private static Dictionary<string, PriceRow> LatestPerProduct(IReadOnlyList<PriceRow> rows)
    {
        var latest = new Dictionary<string, PriceRow>(rows.Count, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!latest.TryGetValue(row.ProductKey, out var seen) || (row.PriceUpdatedAt ?? DateTimeOffset.MinValue) >= (seen.PriceUpdatedAt ?? DateTimeOffset.MinValue))
            {
                latest[row.ProductKey] = row;
            }
        }

        return latest;
    }

    public readonly record struct Entry(decimal Price, decimal? UnitPrice, bool Available, DateTimeOffset FileAt);
}

internal sealed record PriceDiff(IReadOnlyList<PriceRow> Upserts, IReadOnlyList<string> Removed, int DistinctRows, string? SkippedReason)
{
    public static PriceDiff Skip(string reason) => new([], [], 0, reason);

    public bool IsEmpty => Upserts.Count == 0 && Removed.Count == 0;
}
