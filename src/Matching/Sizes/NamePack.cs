using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Gogobe.Matching.Sizes;

/// <summary>
/// The pack a product's name states (<see cref="Pack"/>): a count and each item's size written together
/// (<c>6*1.5 ליטר</c>, <c>350X2</c>, <c>30ג*6</c>, <c>10יח*17גר</c>), a pack word (<c>שישייה</c>, <c>שישיית</c> 6, <c>רביעייה</c> 4,
/// <c>שלישייה</c> 3, <c>זוג</c>/<c>צמד</c> 2, <c>שמינייה</c> 8, <c>עשירייה</c> 10), or <c>מארז</c> with or without its count. Two numbers neither of which can
/// be a count (<c>52*65</c>), or with a length unit (<c>80*50 ס"מ</c>), are a dimension, not a pack. Only what the name
/// makes clear counts: two small whole numbers and no unit (<c>5*9</c>) are a pack of an unknown count.
/// </summary>
public static partial class NamePack
{
    public static Pack Read(string name, string folded)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(folded);
        var text = Plain(name);
        Pack? unclear = null;
        foreach (Match match in Times().Matches(text))
        {
            if (match.Groups["d"].Success)
            {
                continue;
            }

            var read = Read(match);
            if (read is { Count: > 1 })
            {
                return read.Value;
            }

            unclear ??= read;
        }

        if (WordCount(folded) is { } counted)
        {
            // With a pack word a volume is each bottle's (שוופס 1.5 ליטר רביעייה) but a mass is most often the whole
            // pack's (קוקומן שישייה 126 גרם): only a volume is each item's size.
            var stated = NameSize.Read(name, folded, ignorePack: true);
            return counted with { Each = stated.Dimension == Dimension.Volume ? stated : Size.Unknown };
        }

        return unclear ?? Pack.Single;
    }

    /// <summary>
    /// A count and each item's size from <c>a*b</c> and the units written with them; null when it is no pack (a
    /// dimension). The number written with <c>יח</c> against one with a measure is the count; else the one whole number
    /// from 2 to <see cref="Pack.MaxCount"/> (a unit written after it is each item's: <c>400*3 גר</c>); else, of two such
    /// numbers, the one without a unit (<c>20X10 גרם</c>, <c>30ג*6</c>); two without units are a pack of an unknown count.
    /// </summary>
    private static Pack? Read(Match match)
    {
        var (a, unitA) = (Number(match.Groups["a"].Value), Unit(match.Groups["ua"].Value));
        var (b, unitB) = (Number(match.Groups["b"].Value), Unit(match.Groups["ub"].Value));
        if (unitA == "unit" && unitB is not ("" or "unit") && IsCount(a))
        {
            return new Pack((int)a, Each(b, unitB));
        }

        if (unitB == "unit" && unitA is not ("" or "unit") && IsCount(b))
        {
            return new Pack((int)b, Each(a, unitA));
        }

        return (IsCount(a), IsCount(b)) switch
        {
            (true, false) => new Pack((int)a, Each(b, unitB != "" ? unitB : unitA)),
            (false, true) => new Pack((int)b, Each(a, unitA != "" ? unitA : unitB)),
            (true, true) when unitA == "" && unitB != "" => new Pack((int)a, Each(b, unitB)),
            (true, true) when unitB == "" && unitA != "" => new Pack((int)b, Each(a, unitA)),
            (true, true) => new Pack(0, Size.Unknown),
            _ => null,
        };
    }

    private static Pack? WordCount(string folded)
    {
        var word = PackWord().Match(folded);
        if (!word.Success)
        {
            return null;
        }

        var w = word.Groups["w"].Value;
        var count = w switch
        {
            _ when w.StartsWith("שיש", StringComparison.Ordinal) => 6,
            _ when w.StartsWith("רביע", StringComparison.Ordinal) || w.StartsWith("רבעי", StringComparison.Ordinal) => 4,
            _ when w.StartsWith("שליש", StringComparison.Ordinal) => 3,
            _ when w.StartsWith("שמיני", StringComparison.Ordinal) => 8,
            _ when w.StartsWith("עשירי", StringComparison.Ordinal) => 10,
            "זוג" or "צמד" => 2,
            _ => word.Groups["n"].Success && IsCount(Number(word.Groups["n"].Value)) ? (int)Number(word.Groups["n"].Value) : 0,
        };
        return new Pack(count, Size.Unknown);
    }

    /// <summary>Each item's size; its amount alone (a size of no known dimension) when the name gives no unit.</summary>
    private static Size Each(decimal amount, string unit) =>
        unit is "" ? (amount > 0 && amount <= Size.MaxAmount ? new Size(Dimension.Unknown, amount) : Size.Unknown)
        : unit == "unit" ? Size.Unknown
        : Size.Of(amount, unit);

    private static bool IsCount(decimal n) => n >= 2 && n <= Pack.MaxCount && n == decimal.Truncate(n);

    private static decimal Number(string text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) ? n : 0;

    private static string Unit(string word) => word switch
    {
        "" => "",
        "גרם" or "גר" or "ג" or "g" or "gr" => "g",
        "קג" or "kg" => "kg",
        "מל" or "ml" => "ml",
        "ליטר" or "ליט" or "לי" or "ל" or "l" or "lt" or "ltr" => "l",
        _ => "unit",
    };

    /// <summary>Lower case, quotes and apostrophes dropped, a times sign between numbers written <c>*</c>.</summary>
    private static string Plain(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            if (c is not ('"' or '\'' or '`' or '\u05F3' or '\u05F4' or '\u2019' or '\u201D'))
            {
                text.Append(c is '×' ? '*' : c);
            }
        }

        return text.ToString();
    }

    [GeneratedRegex(@"(?<![\d.])(?<a>\d+(?:\.\d+)?)\s*(?<ua>גרם|גר|ג|קג|מל|ליטר|ליט|לי|ל|יחידות|יח|kg|gr|g|ml|ltr|lt|l)?\s*[*x]\s*(?<b>\d+(?:\.\d+)?)(?![\d.])\s*(?<ub>גרם|גר|ג|קג|מל|ליטר|ליט|לי|ל|יחידות|יח|kg|gr|g|ml|ltr|lt|l)?(?<d>\s*(סמ|cm|מטר|מטרים))?(?![א-תa-z])", RegexOptions.CultureInvariant)]
    private static partial Regex Times();

    [GeneratedRegex(@"(^| )(?<w>שישי?יה|שישיות|שישיי?ת|רבי?עי?יה|רבי?עיות|רבי?עיי?ת|שלישי?יה|שלישיות|שלישיי?ת|שמיני?יה|שמיניי?ת|עשירי?יה|עשיריי?ת|זוג|צמד|מארז|מאגדת|pack)( (?<n>\d+)(?= |$))?( |$)", RegexOptions.CultureInvariant)]
    private static partial Regex PackWord();
}
