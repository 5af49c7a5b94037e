using Gogobe.Contracts.Events;
using Gogobe.Contracts.Products;
using Gogobe.Gateway.Search;
using Gogobe.Gateway.Web;
using Gogobe.Ingest.JetStream;
using Gogobe.Ingest.Messages;
using Gogobe.Storage.Stores;

namespace Gogobe.Gateway.Caching;

/// <summary>
/// Follows <c>gogobe.prices.changed</c> and <c>gogobe.promotions.changed</c>: for every changed product this gateway
/// answered about, first drops the product's in-memory offers in its grain, then removes the cached answers tagged with
/// it (and with the store). A truncated event lists only part of the store's changes: then every product the store
/// sells is treated as changed (a promotion reaches answers only on a product the store sells). Open product pages
/// (<see cref="LiveProductFeed"/>) are told last, so that what they reload is already fresh.
/// Each change also prompts the search index to read the products the import stored (<see cref="ProductIndexKeeper.Prompt"/>).
/// </summary>
public sealed partial class OfferChangeInvalidator(
    OfferChangeSubscriber subscriber,
    QueryCache cache,
    TouchedProducts touched,
    IClusterClient cluster,
    StoreListings stores,
    LiveProductFeed live,
    ProductIndexKeeper index,
    ILogger<OfferChangeInvalidator> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var changes = await subscriber.SubscribeAsync(stoppingToken);
        await foreach (var change in changes.WithCancellation(stoppingToken))
        {
            index.Prompt();
            try
            {
                await InvalidateAsync(change, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is not OutOfMemoryException)
            {
                LogInvalidateFailed(ex, change.Kind, change.ChainId, change.StoreId, change.ImportId);
            }
        }
    }

    internal async Task InvalidateAsync(OfferChange change, CancellationToken cancellationToken)
    {
        var tags = new List<string> { CacheTags.Store(change.ChainId, change.StoreId) };
        List<string> hot = [];
        if (touched.Count > 0 || live.HasWatchers)
        {
            var keys = change.Truncated ? await stores.ProductKeysAsync(change.ChainId, change.StoreId, cancellationToken) : change.ProductKeys;
            hot = keys.Where(k => touched.Contains(k) || live.IsWatched(k)).Distinct(StringComparer.Ordinal).ToList();
            await Parallel.ForEachAsync(hot, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
                async (key, _) => await cluster.GetGrain<IProductPricesGrain>(key).Invalidate());
            tags.AddRange(hot.Select(CacheTags.Product));
            LogInvalidated(change.Kind, change.ChainId, change.StoreId, hot.Count, change.Truncated);
        }

        await cache.RemoveByTagsAsync(tags, cancellationToken);
        live.Publish(hot, change);
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Debug, Message = "{Kind} of {ChainId}:{StoreId} changed: {Count} cached products invalidated (truncated: {Truncated})")]
    private partial void LogInvalidated(OfferChangeKind kind, string chainId, string storeId, int count, bool truncated);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Could not invalidate the answers changed by {Kind} of {ChainId}:{StoreId} (import {ImportId}); they expire on their own")]
    private partial void LogInvalidateFailed(Exception exception, OfferChangeKind kind, string chainId, string storeId, string importId);
}
