using System.ComponentModel;
using Gogobe.Contracts.Geo;
using Gogobe.Storage.Products;

namespace Gogobe.Gateway.Queries;

/// <summary>
/// Finds products by barcode (or its prefix), by a full <c>chainId:code</c> key, or by the words of their name in any
/// order (at most <see cref="MaxWords"/>, normalised as product names are).
/// </summary>
public sealed class ProductSearch(ProductFinder finder)
{
    public const int MaxWords = 8;

    public async Task<CachedHits> SearchAsync(string query, int limit, CancellationToken cancellationToken)
    {
        var trimmed = query.Trim();
        var hits = IsKeyQuery(trimmed)
            ? await finder.ByKeyAsync(trimmed, limit, cancellationToken)
            : await finder.ByWordsAsync(SearchText.Words(trimmed).Take(MaxWords).ToList(), limit, cancellationToken);
        return new CachedHits([.. hits]);
    }

    /// <summary>Digits (a barcode or its first digits) or a full <c>chainId:code</c> key.</summary>
    public static bool IsKeyQuery(string query) =>
        (query.Length >= 3 && query.All(char.IsAsciiDigit)) || (query.Contains(':', StringComparison.Ordinal) && ProductKeyInput.IsValid(query));

    [ImmutableObject(true)]
    public sealed record CachedHits(SearchHit[] Hits);
}
