using Gogobe.Feeds.Model;
using Gogobe.Feeds.Values;

namespace Gogobe.Feeds.Naming;

/// <summary>What a file name says about a file. Every part is a hint: the XML header wins where it is complete.</summary>
/// <param name="Kind">The type from the name's prefix, or from a type word anywhere in a renamed file's name.</param>
/// <param name="ChainId">The digits after the prefix as written (may be truncated or zero).</param>
public sealed record FeedFileName(
    string FileName,
    FeedKind? Kind,
    string? ChainId,
    string? SubChainId,
    string? StoreId,
    DateTimeOffset? Timestamp)
{
    private static readonly (string Prefix, FeedKind Kind)[] Prefixes =
    [
        ("NULLPriceFull", FeedKind.PriceFull), ("NULLPromoFull", FeedKind.PromoFull),
        ("NULLPrice", FeedKind.Price), ("NULLPromo", FeedKind.Promo),
        ("PriceFull", FeedKind.PriceFull), ("PricesFull", FeedKind.PriceFull),
        ("PromoFull", FeedKind.PromoFull), ("PromosFull", FeedKind.PromoFull),
        ("StoresFull", FeedKind.Stores), ("StoreFull", FeedKind.Stores), ("Stores", FeedKind.Stores),
        ("Prices", FeedKind.Price), ("Price", FeedKind.Price), ("Promos", FeedKind.Promo), ("Promo", FeedKind.Promo),
    ];

    /// <summary>True when the name follows the published scheme (type prefix then chain digits).</summary>
    public bool IsStandard { get; init; }

    public static FeedFileName Parse(string fileName)
    {
        var name = Path.GetFileName(fileName);
        var stem = StripExtensions(name);
        foreach (var (prefix, kind) in Prefixes)
        {
            if (stem.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && stem.Length > prefix.Length && char.IsAsciiDigit(stem[prefix.Length]))
            {
                return ParseSegments(name, kind, stem[prefix.Length..]);
            }
        }

        return new FeedFileName(name, KindWordIn(stem), null, null, null, null);
    }

    private static FeedFileName ParseSegments(string name, FeedKind kind, string rest)
    {
        var segments = rest.Split('-');
        var chain = segments[0];
        var ids = new List<string>(2);
        DateTimeOffset? timestamp = null;
        for (var i = 1; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment.Length is 12 or 14 && IsraelTime.FromCompact(segment) is { } stamp)
            {
                timestamp = stamp;
                break;
            }

            if (segment.Length == 8 && i + 1 < segments.Length && segments[i + 1].Length is 4 or 6
                && IsraelTime.FromCompact(segment + segments[i + 1].PadRight(6, '0')) is { } split)
            {
                timestamp = split;
                break;
            }

            ids.Add(segment);
        }

        string? sub = null;
        string? store = null;
        if (ids.Count >= 2)
        {
            (sub, store) = (ids[^2], ids[^1]);
        }
        else if (ids.Count == 1)
        {
            store = ids[0];
        }

        return new FeedFileName(
            name,
            kind,
            chain.Length > 0 ? chain : null,
            string.IsNullOrEmpty(sub) ? null : sub,
            kind == FeedKind.Stores ? null : FeedIds.NormalizeStoreId(store),
            timestamp)
        {
            IsStandard = true,
        };
    }

    private static FeedKind? KindWordIn(string stem)
    {
        var lower = stem.ToLowerInvariant();
        return lower switch
        {
            _ when lower.Contains("pricefull", StringComparison.Ordinal) || lower.Contains("pricesfull", StringComparison.Ordinal) => FeedKind.PriceFull,
            _ when lower.Contains("promofull", StringComparison.Ordinal) || lower.Contains("promosfull", StringComparison.Ordinal) => FeedKind.PromoFull,
            _ when lower.Contains("store", StringComparison.Ordinal) => FeedKind.Stores,
            _ when lower.Contains("price", StringComparison.Ordinal) => FeedKind.Price,
            _ when lower.Contains("promo", StringComparison.Ordinal) => FeedKind.Promo,
            _ => null,
        };
    }

    private static string StripExtensions(string name)
    {
        while (true)
        {
            var ext = Path.GetExtension(name);
            if (ext.Equals(".gz", StringComparison.OrdinalIgnoreCase) || ext.Equals(".xml", StringComparison.OrdinalIgnoreCase)
                || ext.Equals(".zip", StringComparison.OrdinalIgnoreCase))
            {
                name = name[..^ext.Length];
                continue;
            }

            return name;
        }
    }
}
