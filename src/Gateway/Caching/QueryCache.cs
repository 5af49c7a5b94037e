using System.Diagnostics.Metrics;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace Gogobe.Gateway.Caching;

/// <summary>
/// Hot answers in a <see cref="HybridCache"/> (this process, then Redis), tagged so that price and promotion changes can remove them.
/// Counts hits and misses on meter <c>Gogobe.Gateway</c> and remembers which products this gateway answered about.
/// </summary>
public sealed class QueryCache
{
    public const string MeterName = "Gogobe.Gateway";
    private readonly HybridCache cache;
    private readonly TouchedProducts touched;
    private readonly Counter<long> hits;
    private readonly Counter<long> misses;
    private readonly HybridCacheEntryOptions entry;
    private readonly HybridCacheEntryOptions searchEntry;

    public QueryCache(HybridCache cache, TouchedProducts touched, IMeterFactory meters, IOptions<QueryCacheOptions> options)
    {
        this.cache = cache;
        this.touched = touched;
        var meter = meters.Create(MeterName);
        hits = meter.CreateCounter<long>("gogobe.gateway.cache.hits", description: "Answers served from the cache.");
        misses = meter.CreateCounter<long>("gogobe.gateway.cache.misses", description: "Answers computed because the cache had none.");
        entry = new HybridCacheEntryOptions { Expiration = options.Value.Expiration, LocalCacheExpiration = options.Value.Expiration };
        searchEntry = new HybridCacheEntryOptions { Expiration = options.Value.SearchExpiration, LocalCacheExpiration = options.Value.SearchExpiration };
    }

    /// <summary>An answer about one product; tagged with the product.</summary>
    public ValueTask<T> ForProductAsync<T>(string kind, string productKey, Func<CancellationToken, ValueTask<T>> compute, CancellationToken cancellationToken)
    {
        touched.Touch(productKey);
        return GetAsync($"{kind}:{productKey}", [CacheTags.Product(productKey)], entry, compute, kind, cancellationToken);
    }

    /// <summary>An answer about one store; tagged with the store.</summary>
    public ValueTask<T> ForStoreAsync<T>(string kind, string chainId, string storeId, Func<CancellationToken, ValueTask<T>> compute, CancellationToken cancellationToken) =>
        GetAsync($"{kind}:{chainId}:{storeId}", [CacheTags.Store(chainId, storeId)], entry, compute, kind, cancellationToken);

    public ValueTask<T> ForSearchAsync<T>(string key, Func<CancellationToken, ValueTask<T>> compute, CancellationToken cancellationToken) =>
        GetAsync($"search:{key}", [CacheTags.Search], searchEntry, compute, "search", cancellationToken);

    public ValueTask RemoveByTagsAsync(IEnumerable<string> tags, CancellationToken cancellationToken) => cache.RemoveByTagAsync(tags, cancellationToken);

    private async ValueTask<T> GetAsync<T>(
        string key, string[] tags, HybridCacheEntryOptions options, Func<CancellationToken, ValueTask<T>> compute, string kind, CancellationToken cancellationToken)
    {
        var missed = false;
        var value = await cache.GetOrCreateAsync(
            key,
            async token =>
            {
                missed = true;
                return await compute(token);
            },
            options,
            tags,
            cancellationToken);
        var tag = new KeyValuePair<string, object?>("kind", kind);
        if (missed)
        {
            misses.Add(1, tag);
        }
        else
        {
            hits.Add(1, tag);
        }

        return value;
    }
}
