using System.Text.RegularExpressions;
using Gogobe.Feeds.Model;
using Gogobe.Feeds.Values;

namespace Gogobe.Feeds.Naming;

/// <summary>What a file name says about a file. Every part is a hint: the XML header wins where it is complete.</summary>
/// <param name="Kind">The type from the name's prefix, or from a type word anywhere in a renamed file's name.</param>
/// <param name="ChainId">The digits after the prefix as written (may be truncated or zero).</param>
public sealed partial record FeedFileName(
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

        return new FeedFileName(name, KindWordIn(stem), ChainIdIn(stem), null, null, TimeIn(stem).Time);
    }

    private static FeedFileName ParseSegments(string name, FeedKind kind, string rest)
    {
        // The ids are the dash-separated parts before the publication time; whatever follows the time is ignored.
        var (at, timestamp) = TimeIn(rest);
        var segments = (at >= 0 ? rest[..at] : rest).Split('-');
        var chain = segments[0];
        var ids = segments[1..].ToList();
        if (at >= 0 && ids.Count > 0 && ids[^1].Length == 0)
        {
            ids.RemoveAt(ids.Count - 1);
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

    /// <summary>
    /// A date and time anywhere in a name, written compact or with separators (<c>20240501103000</c>,
    /// <c>2024-05-01_10-30</c>, <c>2024.05.01 10:30:00</c>), in Israel's time; a date alone is its midnight.
    /// </summary>
    [GeneratedRegex(@"(?<!\d)((?:19|20)\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?:[-_. T]?([01]\d|2[0-3])[-_.:]?([0-5]\d)(?:[-_.:]?([0-5]\d))?)?(?!\d)")]
    private static partial Regex DateTimePattern();

    /// <summary>A 13-digit chain id standing alone in a renamed file's name (every chain id starts with 729).</summary>
    [GeneratedRegex(@"(?<!\d)729\d{10}(?!\d)")]
    private static partial Regex ChainIdPattern();

    /// <summary>The first valid date and time in the text, with where it starts; (-1, null) when there is none.</summary>
    private static (int At, DateTimeOffset? Time) TimeIn(string text)
    {
        foreach (Match match in DateTimePattern().Matches(text))
        {
            var g = match.Groups;
            var compact = string.Concat(g[1].Value, g[2].Value, g[3].Value, g[4].Success ? g[4].Value + g[5].Value : "", g[6].Success ? g[6].Value : "");
            if (IsraelTime.FromCompact(compact) is { } time)
            {
                return (match.Index, time);
            }
        }

        return (-1, null);
    }

    private static string? ChainIdIn(string stem) => ChainIdPattern().Match(stem) is { Success: true } match ? match.Value : null;

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
