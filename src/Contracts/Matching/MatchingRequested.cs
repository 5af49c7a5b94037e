using System.Text.Json.Serialization;

namespace Gogobe.Contracts.Matching;

/// <summary>
/// Products an import added to the catalogue, to be matched to their master products. Subject
/// <c>gogobe.matching.request</c>; one message per price file (or per <see cref="MaxProductKeys"/> of its new keys).
/// </summary>
/// <param name="Part">The part of the file's new keys this message carries (0 when they fit in one).</param>
public sealed record MatchingRequested(string ChainId, string StoreId, string ImportId, int Part, IReadOnlyList<string> ProductKeys)
{
    public const int CurrentVersion = 1;

    /// <summary>Keys per message: a chain's first file adds tens of thousands, sent as a few messages of this many.</summary>
    public const int MaxProductKeys = 5000;

    [JsonPropertyName("v")]
    [JsonPropertyOrder(-1)]
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The messages for one file's new keys: parts of at most <paramref name="maxKeys"/> keys each.</summary>
    public static IEnumerable<MatchingRequested> For(string chainId, string storeId, string importId, IReadOnlyList<string> productKeys, int maxKeys = MaxProductKeys)
    {
        ArgumentNullException.ThrowIfNull(productKeys);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxKeys, 1);
        var part = 0;
        foreach (var chunk in productKeys.Chunk(maxKeys))
        {
            yield return new MatchingRequested(chainId, storeId, importId, part++, chunk);
        }
    }
}
