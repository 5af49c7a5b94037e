using Gogobe.Contracts.Events;
using Gogobe.Contracts.Matching;
using Gogobe.Grains.Matching;
using Microsoft.Extensions.Options;
using Gogobe.Contracts.Prices;
using Gogobe.Storage.Prices;
using Microsoft.Extensions.Logging;
using Gogobe.Grains.Placement;

namespace Gogobe.Grains.Prices;

/// <summary>
/// A store's price list, keyed <c>chainId:storeId</c>. Activates with its watermarks only, which is all a stale or
/// republished-unchanged file needs; restores its prices from PostgreSQL the first time a file must be compared with
/// them or a price is asked for. Turns each file into the changes it really makes, writes them in one transaction and
/// announces them on NATS.
/// </summary>
[SiloRolePlacement(SiloRole.Import)]
public sealed partial class PriceListGrain(PriceListStore store, IChangeEvents events, IOptions<MatchingOptions> matching, ILogger<PriceListGrain> logger) : Grain, IPriceListGrain
{
    private StoreKey key;
    private PriceListState state = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        key = StoreKey.Parse(this.GetPrimaryKeyString());
        var (full, delta) = await store.LoadWatermarksAsync(key.ChainId, key.StoreId, cancellationToken);
        state = PriceListState.WatermarksOnly(full, delta);
    }

    public Task<PriceApplyResult> ApplyFull(PriceBatch batch) => ApplyAsync(PriceFileKind.PriceFull, batch);

    public Task<PriceApplyResult> ApplyDelta(PriceBatch batch) => ApplyAsync(PriceFileKind.Price, batch);

    public Task<string?> GetFullListFingerprint() => Task.FromResult(state.FullListFingerprint);

    public async Task<PriceApplyResult?> ApplyUnchangedFull(string importId, DateTimeOffset fileTimestamp, string contentFingerprint)
    {
        var rows = state.Full?.ContentRows ?? 0;
        if (state.StaleReason(PriceFileKind.PriceFull, importId, fileTimestamp) is { } reason)
        {
            LogSkipped(key.ToString(), importId, reason);
            return new PriceApplyResult(false, rows, 0, 0, reason);
        }

        if (state.FullListFingerprint != contentFingerprint
            || !await store.ApplyUnchangedFullAsync(key.ChainId, key.StoreId, importId, fileTimestamp, contentFingerprint))
        {
            return null;
        }

        state.CommitUnchangedFull(importId, fileTimestamp);
        return new PriceApplyResult(true, rows, 0, 0, null);
    }

    /// <summary>The state with its prices, loaded on first need (this grain is the store's only writer).</summary>
    private async Task<PriceListState> PricesAsync()
    {
        if (!state.PricesLoaded)
        {
            state = PriceListState.From(await store.LoadAsync(key.ChainId, key.StoreId));
        }

        return state;
    }

    private async Task<PriceApplyResult> ApplyAsync(PriceFileKind kind, PriceBatch batch)
    {
        var diff = state.StaleReason(kind, batch.ImportId, batch.FileTimestamp) is { } stale
            ? PriceDiff.Skip(stale)
            : (await PricesAsync()).Diff(kind, batch);
        if (diff.SkippedReason is { } reason)
        {
            LogSkipped(key.ToString(), batch.ImportId, reason);
            return new PriceApplyResult(false, batch.Rows.Count, 0, 0, reason);
        }

        if (diff.IsEmpty)
        {
            await store.MarkAppliedAsync(key.ChainId, key.StoreId, kind, batch.ImportId, batch.FileTimestamp, Content(kind, batch));
        }
        else
        {
            var change = new PriceListChange(key.ChainId, key.StoreId, kind, batch.ImportId, batch.FileTimestamp,
                InKeyOrder(diff.Upserts), diff.Removed) { Content = Content(kind, batch) };
            // Off the grain scheduler: the binary COPY writes synchronously into its buffer.
            var outcome = await Task.Run(() => store.ApplyAsync(change));
            if (matching.Value.RequestNew)
            {
                await RequestMatchingAsync(batch, outcome.NewProducts);
            }
        }

        state.Commit(kind, batch, diff);
        if (!diff.IsEmpty)
        {
            await AnnounceAsync(batch, diff);
        }

        return new PriceApplyResult(true, batch.Rows.Count, diff.Upserts.Count, diff.Removed.Count, null);
    }

    /// <summary>Committed changes are announced; if NATS cannot take the event the change stays committed and caches expire on their own.</summary>
    private async Task AnnounceAsync(PriceBatch batch, PriceDiff diff)
    {
        var keys = diff.Upserts.Select(r => r.ProductKey).Concat(diff.Removed);
        var message = PricesChanged.Create(key.ChainId, key.StoreId, batch.ImportId, batch.FileTimestamp, diff.Upserts.Count, diff.Removed.Count, keys);
        try
        {
            await events.AnnounceAsync(message, CancellationToken.None);
        }
        catch (ChangeNotAnnouncedException ex)
        {
            LogAnnounceFailed(ex, key.ToString(), batch.ImportId);
        }
    }

    /// <summary>
    /// Products this file added to the catalogue are sent to be matched, a few thousand per message. A request that
    /// cannot be sent is logged: the products stay their own masters until a catalogue run matches them.
    /// </summary>
    private async Task RequestMatchingAsync(PriceBatch batch, IReadOnlyList<string> newProducts)
    {
        try
        {
            foreach (var request in MatchingRequested.For(key.ChainId, key.StoreId, batch.ImportId, newProducts))
            {
                await events.RequestMatchingAsync(request, CancellationToken.None);
            }
        }
        catch (ChangeNotAnnouncedException ex)
        {
            LogMatchingNotRequested(ex, key.ToString(), batch.ImportId, newProducts.Count);
        }
    }

    private static ContentIdentity? Content(PriceFileKind kind, PriceBatch batch) =>
        kind == PriceFileKind.PriceFull && batch.ContentFingerprint is { } fingerprint ? new ContentIdentity(fingerprint, batch.Rows.Count) : null;

    /// <summary>The upserts (one per product key) for storage, in the key order the store writes them in.</summary>
    private static PriceChangeRow[] InKeyOrder(IReadOnlyList<PriceRow> upserts)
    {
        var keys = new string[upserts.Count];
        var rows = new PriceChangeRow[upserts.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            keys[i] = upserts[i].ProductKey;
            rows[i] = ToStorage(upserts[i]);
        }

        Array.Sort(keys, rows, StringComparer.Ordinal);
        return rows;
    }

    private static PriceChangeRow ToStorage(PriceRow r) => new(
        r.ProductKey, r.ItemCode, r.IsInternalCode, r.Price, r.UnitPrice, r.PriceUpdatedAt, r.Name, r.Manufacturer,
        r.Country, r.Description, r.Quantity, r.Unit, r.UnitText, r.IsWeighted);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Price list {Store}: import {ImportId} skipped: {Reason}")]
    private partial void LogSkipped(string store, string importId, string reason);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Price list {Store}: changes of import {ImportId} are committed but could not be announced")]
    private partial void LogAnnounceFailed(Exception exception, string store, string importId);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Price list {Store}: the {Count} new products of import {ImportId} could not be sent for matching")]
    private partial void LogMatchingNotRequested(Exception exception, string store, string importId, int count);
}
