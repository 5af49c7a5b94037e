using Gogobe.Feeds.Model;
using Gogobe.Matching.Codes;

namespace Gogobe.Feeds.Values;

/// <summary>Chain, store and product identities as the feeds write them.</summary>
public static class FeedIds
{
    /// <summary><c>1</c>, <c>001</c> and <c>0001</c> are the same store: digits lose their leading zeros; null when empty.</summary>
    public static string? NormalizeStoreId(string? text)
    {
        var span = text.AsSpan().Trim();
        if (span.IsEmpty)
        {
            return null;
        }

        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return span.Length == text!.Length ? text : span.ToString();
            }
        }

        var trimmed = span.TrimStart('0');
        return trimmed.IsEmpty ? "0" : trimmed.Length == text!.Length ? text : trimmed.ToString();
    }

    /// <summary>A chain id the registry could have issued: 13 digits, not all zeros.</summary>
    public static bool IsFullChainId(ReadOnlySpan<char> id)
    {
        id = id.Trim();
        if (id.Length != 13)
        {
            return false;
        }

        var nonZero = false;
        foreach (var c in id)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            nonZero |= c != '0';
        }

        return nonZero;
    }

    /// <summary>
    /// Keys an item: a GTIN (valid check digit, not a restricted-circulation number, <c>ItemType</c> other than 0) by its
    /// digits without leading zeros, so every way of writing one barcode is one key; anything else by (chain, code).
    /// </summary>
    public static ProductKey KeyOf(string chainId, string code, string? itemType, out bool isInternal)
    {
        var read = ItemCode.Read(code, itemType);
        isInternal = !read.IsShared;
        return isInternal ? ProductKey.Internal(chainId, read.Code) : ProductKey.Barcode(read.Code);
    }
}
