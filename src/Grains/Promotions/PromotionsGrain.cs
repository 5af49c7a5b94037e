using Gogobe.Contracts.Events;
using Gogobe.Contracts.Promotions;
using Gogobe.Storage.FeedState;
using Gogobe.Storage.Promotions;
using Microsoft.Extensions.Logging;
using Gogobe.Grains.Placement;

namespace Gogobe.Grains.Promotions;

/// <summary>
/// A store's running promotions, keyed <c>chainId:storeId</c>: a PromoFull replaces them as of its timestamp,
/// a Promo delta updates the promotions it lists, older files change nothing. Public and club-only offers stay apart.
/// Announces every committed change on NATS with the products it affects.
/// </summary>
[SiloRolePlacement(SiloRole.Import)]
public sealed partial class PromotionsGrain(PromotionStore store, IChangeEvents events, TimeProvider clock, ILogger<PromotionsGrain> logger)
    : Grain, IPromotionsGrain
{
    private StoreKey key;
    private Dictionary<string, StoredPromotion> promotions = [];
    private FeedWatermark? full;
    private FeedWatermark? delta;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        key = StoreKey.Parse(this.GetPrimaryKeyString());
        var snapshot = await store.LoadAsync(key.ChainId, key.StoreId, clock.GetUtcNow(), cancellationToken);
        full = snapshot.FullWatermark;
        delta = snapshot.DeltaWatermark;
        Replace(snapshot.Promotions);
    }

    public Task<PromotionApplyResult> ApplyFull(PromotionBatch batch) => ApplyAsync(PromotionFileKind.PromoFull, batch);

    public Task<PromotionApplyResult> ApplyDelta(PromotionBatch batch) => ApplyAsync(PromotionFileKind.Promo, batch);

    private async Task<PromotionApplyResult> ApplyAsync(PromotionFileKind kind, PromotionBatch batch)
    {
        var itemCount = batch.Promotions.Sum(p => p.Items.Count);
        var stale = kind == PromotionFileKind.PromoFull
            ? full is { } f && batch.FileTimestamp <= f.FileAt
            : (full is { } g && batch.FileTimestamp < g.FileAt) || delta?.ImportId == batch.ImportId;
        if (stale)
        {
            return new PromotionApplyResult(false, batch.Promotions.Count, itemCount, 0, "older than or the same as the applied promotions");
        }

        var rows = batch.Promotions
            .GroupBy(p => p.PromotionId, StringComparer.Ordinal)
            .Select(g => ToStorage(g.Last()))
            .ToList();
        var change = new PromotionChange(key.ChainId, key.StoreId, kind, batch.ImportId, batch.FileTimestamp, rows);
        var outcome = await Task.Run(() => store.ApplyAsync(change));
        if (outcome.Status == ApplyStatus.Stale)
        {
            return new PromotionApplyResult(false, rows.Count, itemCount, 0, "a newer promotion file was applied");
        }

        var mark = new FeedWatermark(batch.FileTimestamp, batch.ImportId);
        var effect = PromotionDiff.Between(promotions, rows, removesUnlisted: kind == PromotionFileKind.PromoFull);
        if (kind == PromotionFileKind.PromoFull)
        {
            full = mark;
            Replace(rows);
        }
        else
        {
            delta = mark;
            var listed = rows.Select(r => r.PromotionId).ToHashSet(StringComparer.Ordinal);
            Replace(promotions.Values.Where(p => !listed.Contains(p.PromotionId)).Concat(rows));
        }

        if (outcome.Changed > 0)
        {
            await AnnounceAsync(batch, effect);
        }

        return new PromotionApplyResult(true, rows.Count, itemCount, outcome.Changed, null);
    }

    /// <summary>Committed changes are announced; if NATS cannot take the event the change stays committed and caches expire on their own.</summary>
    private async Task AnnounceAsync(PromotionBatch batch, PromotionDiff effect)
    {
        var message = PromotionsChanged.Create(
            key.ChainId, key.StoreId, batch.ImportId, batch.FileTimestamp, effect.Changed, effect.Removed, effect.ProductKeys);
        try
        {
            await events.AnnounceAsync(message, CancellationToken.None);
        }
        catch (ChangeNotAnnouncedException ex)
        {
            LogAnnounceFailed(ex, key.ToString(), batch.ImportId);
        }
    }

    private void Replace(IEnumerable<StoredPromotion> current)
    {
        promotions = current.ToDictionary(p => p.PromotionId, StringComparer.Ordinal);
    }

    private static StoredPromotion ToStorage(PromotionRow p) => new(
        p.PromotionId, p.Description, p.StartsAt, p.EndsAt, p.RewardType, p.IsClubOnly, p.ClubIds, p.MinQuantity, p.MaxQuantity,
        p.DiscountedPrice, p.DiscountedPricePerUnit, p.DiscountRate, p.DiscountType, p.MinPurchaseAmount, p.AllowMultipleDiscounts,
        p.IsWeighted, p.UpdatedAt,
        p.Items.GroupBy(i => i.ProductKey, StringComparer.Ordinal).Select(g => g.Last())
            .Select(i => new StoredPromotionItem(i.ProductKey, i.IsGift, i.RewardType, i.MinQuantity, i.MaxQuantity, i.DiscountedPrice, i.DiscountRate))
            .ToList());

    [LoggerMessage(EventId = 2401, Level = LogLevel.Warning, Message = "Promotions {Store}: changes of import {ImportId} are committed but could not be announced")]
    private partial void LogAnnounceFailed(Exception exception, string store, string importId);
}
