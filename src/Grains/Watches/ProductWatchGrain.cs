using Gogobe.Contracts.Events;
using Gogobe.Contracts.Watches;
using Gogobe.Grains.Placement;
using Gogobe.Storage.Products;
using Gogobe.Storage.Watches;
using Microsoft.Extensions.Logging;
using Orleans.Placement;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Gogobe.Grains.Watches;

/// <summary>
/// The watches of one product, following the product's change stream (implicit subscription to
/// <see cref="ChangeStreams.Products"/>, keyed by the product key). It activates when a change of the product arrives,
/// reads the product's watches once per activation (again when told they changed), and the product's offers once per
/// run of changes the stream delivers at once (the changes that waited for it: one import of a national day changes the
/// product in every store): at the first run those kept for it (<see cref="WatchedOfferStore"/>; read in full when none
/// are) with the promotions on it not ended, then only the stores the run's price changes name, read and kept again, and
/// the promotions again only when the run has a change of promotions. It writes the watches whose state moved with
/// their notices in one transaction (the outbox). Reads and writes go with other grains', in one round trip
/// (<see cref="RunRoundTrips"/>). A product nobody watches deactivates at once; a watched one when idle. It is placed on
/// the silo that first calls it when that silo answers queries: the pulling agent of the product's queue, whose
/// handshake and deliveries are then calls within the silo.
/// </summary>
[SiloRolePlacement(SiloRole.Query)]
[PreferLocalPlacement]
[ImplicitStreamSubscription(ChangeStreams.Products)]
public sealed partial class ProductWatchGrain(WatchOutbox outbox, WatchedOfferStore kept, RunRoundTrips runs, TimeProvider clock, ILogger<ProductWatchGrain> logger)
    : Grain, IProductWatchGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<OfferChanged>
{
    /// <summary>
    /// How long kept offers are trusted before they are read in full again: a bound on what a change the grain never got
    /// can hide (one committed in the moment between a new watch's commit and the silos learning of it, ADR 0018).
    /// </summary>
    private static readonly TimeSpan ReadInFullEvery = TimeSpan.FromDays(7);

    private List<WatchRow>? watches;

    // The product's offers by store, in price order: at the first run of an activation those kept in PostgreSQL (read in
    // full when none are), then updated with the stores each run of price changes names (a product changes in a few
    // stores at a time, and a full read probes every store with a price list).
    private OfferBook? offers;

    // The promotions on the product not ended when last read (those that start later too), read again only with a
    // change of promotions (or a new watch): which run is decided at each run from their start and end.
    private List<RunningPromotion>? promotions;

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        ArgumentNullException.ThrowIfNull(handleFactory);
        await handleFactory.Create<OfferChanged>().ResumeAsync((IAsyncBatchObserver<OfferChanged>)this);
    }

    /// <summary>A run of changes from the product's stream; the stream acknowledges them once this returns (a failure delivers them again).</summary>
    public Task OnNextAsync(IList<SequentialItem<OfferChanged>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return OnOffersChanged([.. items.Select(i => i.Item)]);
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    public Task OnOfferChanged(OfferChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return OnOffersChanged([change]);
    }

    public async Task OnOffersChanged(IReadOnlyList<OfferChanged> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return;
        }

        var started = clock.GetUtcNow();
        var now = await SnapshotAsync(changes);
        if (watches!.Count == 0)
        {
            DeactivateOnIdle();
            return;
        }

        var updates = watches.Select(w => w.ArmedAt is null ? WatchRule.Arm(w, now) : WatchRule.Evaluate(w, changes, now)).OfType<WatchUpdate>().ToList();
        var notices = await SaveAsync(updates, started);
        if (notices > 0)
        {
            LogFired(logger, this.GetPrimaryKeyString(), notices, changes.Count, changes[^1].EventId);
        }
    }

    public async Task WatchesChanged()
    {
        // A new watch may look at stores whose changes did not reach this grain until now: the offers are read in full.
        offers = null;
        promotions = null;
        watches = await outbox.ForProductAsync(this.GetPrimaryKeyString());
        var unarmed = watches.Where(w => w.ArmedAt is null).ToList();
        if (unarmed.Count > 0)
        {
            var now = await SnapshotAsync(null);
            await SaveAsync(unarmed.ConvertAll(w => WatchRule.Arm(w, now)));
        }
    }

    /// <summary>
    /// The product's offers now. Without <paramref name="changes"/> (a watch was made), or when none are kept or they were
    /// last read in full <see cref="ReadInFullEvery"/> ago, every store's price is read and kept. Otherwise the kept offers
    /// (read at the first run of an activation, in one round trip with the run's stores) are updated with the stores whose
    /// prices <paramref name="changes"/> moved, read and kept again: each store's price reaches this grain with its own
    /// change. The promotions not ended are read with the offers at the first run and after a watch was made, then again
    /// only when a run has a change of promotions: which of them run is decided at each run by their start and end.
    /// </summary>
    private async Task<ProductSnapshot> SnapshotAsync(IReadOnlyList<OfferChanged>? changes)
    {
        var key = this.GetPrimaryKeyString();
        var at = clock.GetUtcNow();
        if (changes is not null)
        {
            var moved = changes.Where(c => c.Kind == OfferChangeKind.Prices).Select(c => (c.ChainId, c.StoreId)).Distinct().ToList();
            if (offers is not null && promotions is not null)
            {
                return Snapshot(moved, await runs.ReadAsync(key, moved, changes.Any(c => c.Kind == OfferChangeKind.Promotions)), at);
            }

            // The first run of an activation (or after a watch was deleted): the watches come with what is kept, a
            // product with no watch left wasting the offers' read, which the change streams rarely let happen (they
            // carry the watched products only).
            var run = await runs.ReadAsync(key, moved, promotions: true, kept: true);
            watches = run.Kept!.Watches;
            if (run.Kept.ReadAt is { } fullAt && at - fullAt < ReadInFullEvery)
            {
                offers = new OfferBook(run.Kept.Offers);
                return Snapshot(moved, run, at);
            }
        }

        var all = await kept.ReadAllAsync(key, at);
        offers = new OfferBook(all.Offers);
        return Snapshot([], all, at);
    }

    /// <summary>The offers with the <paramref name="moved"/> stores' as <paramref name="read"/>, and the promotions (kept, or as read when they were) running at <paramref name="at"/>.</summary>
    private ProductSnapshot Snapshot(List<(string ChainId, string StoreId)> moved, OfferRead read, DateTimeOffset at)
    {
        foreach (var (chainId, storeId) in moved)
        {
            offers!.Remove(chainId, storeId);
        }

        foreach (var offer in read.Offers)
        {
            offers!.Set(offer);
        }

        promotions = read.Promotions ?? promotions!;
        promotions.RemoveAll(p => p.EndedBy(at));
        return new ProductSnapshot(offers!, promotions.FindAll(p => p.RunsAt(at)));
    }

    /// <summary>Writes the updates and keeps the watches in memory as written.</summary>
    private async Task<int> SaveAsync(List<WatchUpdate> updates, DateTimeOffset? runStartedAt = null)
    {
        var notices = await runs.SaveAsync(updates, runStartedAt);
        var byId = updates.ToDictionary(u => u.WatchId);
        var at = clock.GetUtcNow();
        watches = watches!.ConvertAll(w => byId.TryGetValue(w.WatchId, out var u)
            ? w with { ReferencePrice = u.ReferencePrice, KnownPromotions = u.KnownPromotions, ArmedAt = w.ArmedAt ?? at, NotifiedAt = u.Notice is null ? w.NotifiedAt : at }
            : w);
        return notices;
    }

    [LoggerMessage(EventId = 2501, Level = LogLevel.Debug, Message = "Product {ProductKey}: {Notices} watches fired on a run of {Changes} changes ending with {ChangeId}")]
    private static partial void LogFired(ILogger logger, string productKey, int notices, int changes, string changeId);
}
