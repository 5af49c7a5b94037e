using System.Collections.Frozen;
using Gogobe.Feeds.Model;

namespace Gogobe.Feeds.Values;

/// <summary>
/// Reads the free-text quantity and unit fields (<c>100 גרם</c>, <c>ק"ג</c>, <c>1 יח'</c>, <c>לא ידוע</c>, <c>00000</c>, <c>Unknown</c>).
/// </summary>
public static class MeasureText
{
    private static readonly FrozenDictionary<string, MeasureUnit> Words = new Dictionary<string, MeasureUnit>(StringComparer.OrdinalIgnoreCase)
    {
        ["גרם"] = MeasureUnit.Gram, ["גרמים"] = MeasureUnit.Gram, ["ג'"] = MeasureUnit.Gram, ["גר"] = MeasureUnit.Gram,
        ["גר'"] = MeasureUnit.Gram, ["ג"] = MeasureUnit.Gram, ["g"] = MeasureUnit.Gram, ["gr"] = MeasureUnit.Gram, ["gram"] = MeasureUnit.Gram,
        ["ק\"ג"] = MeasureUnit.Kilogram, ["קג"] = MeasureUnit.Kilogram, ["קילו"] = MeasureUnit.Kilogram, ["קילוגרם"] = MeasureUnit.Kilogram,
        ["ק'ג"] = MeasureUnit.Kilogram, ["kg"] = MeasureUnit.Kilogram,
        ["מ\"ל"] = MeasureUnit.Millilitre, ["מל"] = MeasureUnit.Millilitre, ["מיליליטר"] = MeasureUnit.Millilitre, ["מ'ל"] = MeasureUnit.Millilitre,
        ["מ\"ל."] = MeasureUnit.Millilitre, ["ml"] = MeasureUnit.Millilitre,
        ["ליטר"] = MeasureUnit.Litre, ["ליטרים"] = MeasureUnit.Litre, ["ל'"] = MeasureUnit.Litre, ["ל"] = MeasureUnit.Litre,
        ["l"] = MeasureUnit.Litre, ["lt"] = MeasureUnit.Litre, ["liter"] = MeasureUnit.Litre, ["litre"] = MeasureUnit.Litre,
        ["יחידה"] = MeasureUnit.Unit, ["יחידות"] = MeasureUnit.Unit, ["יח'"] = MeasureUnit.Unit, ["יח"] = MeasureUnit.Unit,
        ["י\"ח"] = MeasureUnit.Unit, ["יח\""] = MeasureUnit.Unit, ["unit"] = MeasureUnit.Unit, ["units"] = MeasureUnit.Unit,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Splits text such as <c>100 גרם</c> into a quantity (when one is written) and a unit.</summary>
    public static (decimal? Quantity, MeasureUnit Unit) Parse(string? text)
    {
        var span = text.AsSpan().Trim();
        if (span.IsEmpty)
        {
            return (null, MeasureUnit.Unknown);
        }

        var numberEnd = 0;
        while (numberEnd < span.Length && (char.IsAsciiDigit(span[numberEnd]) || span[numberEnd] == '.'))
        {
            numberEnd++;
        }

        decimal? quantity = null;
        var word = span;
        if (numberEnd > 0)
        {
            quantity = FeedNumber.TryParseDecimal(span[..numberEnd], out var q) && q > 0 ? q : null;
            word = span[numberEnd..].Trim();
        }
        else
        {
            var start = span.Length;
            while (start > 0 && (char.IsAsciiDigit(span[start - 1]) || span[start - 1] == '.'))
            {
                start--;
            }

            if (start < span.Length)
            {
                quantity = FeedNumber.TryParseDecimal(span[start..], out var q) && q > 0 ? q : null;
                word = span[..start].Trim();
            }
        }

        return (quantity, UnitOf(word));
    }

    /// <summary>The unit a word names; <see cref="MeasureUnit.Unknown"/> for anything else.</summary>
    public static MeasureUnit UnitOf(ReadOnlySpan<char> word)
    {
        word = word.Trim().TrimEnd('.');
        if (word.IsEmpty)
        {
            return MeasureUnit.Unknown;
        }

        var lookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(word, out var unit))
        {
            return unit;
        }

        Span<char> clean = stackalloc char[Math.Min(word.Length, 64)];
        var length = 0;
        foreach (var c in word)
        {
            if (length == clean.Length)
            {
                break;
            }

            var mapped = c switch { '״' or '”' or '“' => '"', '׳' or '’' or '`' => '\'', _ => c };
            if (!char.IsWhiteSpace(mapped))
            {
                clean[length++] = mapped;
            }
        }

        return lookup.TryGetValue(clean[..length], out unit) ? unit : MeasureUnit.Unknown;
    }
}
