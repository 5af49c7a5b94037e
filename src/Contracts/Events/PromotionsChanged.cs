using System.Text.Json.Serialization;

namespace Gogobe.Contracts.Events;

/// <summary>An import changed a store's promotions. Subject <c>gogobe.promotions.changed</c>.</summary>
/// <param name="FileAt">The timestamp the chain wrote in the file.</param>
/// <param name="Changed">Promotions added or changed.</param>
/// <param name="Removed">Promotions a full file no longer lists.</param>
/// <param name="ProductKeys">Keys of the products whose offers may differ (items of added, changed and removed
/// promotions) when there are at most <see cref="MaxProductKeys"/>; otherwise empty.</param>
/// <param name="Truncated">True when more than <see cref="MaxProductKeys"/> products are affected (none are listed): treat every product of the store as changed.</param>
public sealed record PromotionsChanged(
    string ChainId,
    string StoreId,
    string ImportId,
    DateTimeOffset FileAt,
    int Changed,
    int Removed,
    IReadOnlyList<string> ProductKeys,
    bool Truncated)
{
    public const int CurrentVersion = 1;
    public const int MaxProductKeys = 5000;

    [JsonPropertyName("v")]
    [JsonPropertyOrder(-1)]
    public int Version { get; init; } = CurrentVersion;

    /// <summary>Builds the message: every product key, or none and truncated when there are more than <paramref name="maxKeys"/>.</summary>
    public static PromotionsChanged Create(
        string chainId,
        string storeId,
        string importId,
        DateTimeOffset fileAt,
        int changed,
        int removed,
        IEnumerable<string> productKeys,
        int maxKeys = MaxProductKeys)
    {
        var keys = ProductKeyCap.Take(productKeys, maxKeys, out var truncated);
        return new PromotionsChanged(chainId, storeId, importId, fileAt, changed, removed, keys, truncated);
    }
}
