using System.ComponentModel;
using Gogobe.Contracts.Geo;
using Gogobe.Gateway.Caching;
using Gogobe.Gateway.Search;
using Gogobe.Storage.Products;

namespace Gogobe.Gateway.Queries;

/// <summary>
/// Finds products by barcode (or its prefix), by a full <c>chainId:code</c> key, or by the words of their name in any
/// order (at most <see cref="MaxWords"/>, normalised as product names are). The gateway's in-memory
/// <see cref="ProductIndex"/> answers when it is loaded; until then (or when it is disabled or the catalogue outgrows
/// it) PostgreSQL answers, through the query cache.
/// </summary>
public sealed class ProductSearch(ProductFinder finder, ProductIndexKeeper index, QueryCache cache)
{
    public const int MaxWords = 8;

    public async ValueTask<IReadOnlyList<SearchHit>> SearchAsync(string query, int limit, CancellationToken cancellationToken)
    {
        var trimmed = query.Trim();
        var byKey = IsKeyQuery(trimmed);
        var words = byKey ? [] : SearchText.Words(trimmed).Take(MaxWords).ToList();
        if (index.Current is { } memory)
        {
            return byKey ? memory.ByKey(trimmed, limit) : memory.ByWords(words, limit);
        }

        var cacheKey = $"{limit}:{(byKey ? trimmed : SearchText.Normalise(trimmed))}";
        var cached = await cache.ForSearchAsync(cacheKey, async token => new CachedHits(
            [.. byKey ? await finder.ByKeyAsync(trimmed, limit, token) : await finder.ByWordsAsync(words, limit, token)]), cancellationToken);
        return cached.Hits;
    }

    /// <summary>Digits (a barcode or its first digits) or a full <c>chainId:code</c> key.</summary>
    public static bool IsKeyQuery(string query) =>
        (query.Length >= 3 && query.All(char.IsAsciiDigit)) || (query.Contains(':', StringComparison.Ordinal) && ProductKeyInput.IsValid(query));

    [ImmutableObject(true)]
    public sealed record CachedHits(SearchHit[] Hits);
}
