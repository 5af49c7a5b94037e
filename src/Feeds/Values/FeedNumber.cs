using System.Globalization;

namespace Gogobe.Feeds.Values;

/// <summary>Numbers as the feeds write them: invariant, dot decimals, optional surrounding spaces.</summary>
internal static class FeedNumber
{
    public static bool TryParseDecimal(ReadOnlySpan<char> text, out decimal value)
    {
        text = text.Trim();
        if (TryParsePlain(text, out value))
        {
            return true;
        }

        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    public static decimal? ParseDecimal(string? text) =>
        text is not null && TryParseDecimal(text, out var value) ? value : null;

    /// <summary>A positive quantity; zero and unreadable text mean "not given".</summary>
    public static decimal? ParsePositive(string? text) =>
        ParseDecimal(text) is { } value && value > 0 ? value : null;

    public static int? ParseInt(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var span = text.AsSpan().Trim();
        if (span.Length is 0 or > 9)
        {
            return int.TryParse(span, NumberStyles.Integer, CultureInfo.InvariantCulture, out var big) ? big : null;
        }

        var result = 0;
        foreach (var c in span)
        {
            if (c is < '0' or > '9')
            {
                return TryParseDecimal(span, out var d) && d == decimal.Truncate(d) && d is >= int.MinValue and <= int.MaxValue ? (int)d : null;
            }

            result = (result * 10) + (c - '0');
        }

        return result;
    }

    public static double? ParseDouble(string? text) =>
        text is not null && double.TryParse(text.AsSpan().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Flags written as 1/0, true/false, Y/N.</summary>
    public static bool ParseFlag(string? text)
    {
        var span = text.AsSpan().Trim();
        return span.Length == 1
            ? span[0] is '1' or 'Y' or 'y'
            : span.Equals("true", StringComparison.OrdinalIgnoreCase) || (TryParsePlain(span, out var d) && d != 0);
    }

    private static bool TryParsePlain(ReadOnlySpan<char> text, out decimal value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 18)
        {
            return false;
        }

        var i = 0;
        var negative = false;
        if (text[0] == '-')
        {
            negative = true;
            i = 1;
        }

        long mantissa = 0;
        byte scale = 0;
        var digits = 0;
        var seenDot = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '0' and <= '9')
            {
                mantissa = (mantissa * 10) + (c - '0');
                digits++;
                if (seenDot)
                {
                    scale++;
                }
            }
            else if (c == '.' && !seenDot)
            {
                seenDot = true;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        value = new decimal((int)(mantissa & 0xFFFFFFFF), (int)(mantissa >> 32), 0, negative, scale);
        return true;
    }
}
