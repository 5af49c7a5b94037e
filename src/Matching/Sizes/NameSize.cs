using System.Globalization;
using System.Text.RegularExpressions;

namespace Gogobe.Matching.Sizes;

/// <summary>
/// The size a product's name states, read from its folded form (<c>NameText.Fold</c>): <c>380 גרם</c>, <c>200 מל</c>,
/// <c>4 ליטר</c>, <c>0.5 ל</c>, <c>10 יח</c>, <c>1.5 kg</c>. Names cut at 20 characters often lose the unit: unknown then.
/// </summary>
public static partial class NameSize
{
    /// <summary>The size the name states; unknown when it states none or names a pack of several (<c>6*330</c>, <c>שישייה</c>).</summary>
    /// <param name="ignorePack">Read the size of a pack's name too (the size of each item, when it states no count with it).</param>
    public static Size Read(string name, string folded, bool ignorePack = false)
    {
        if (!ignorePack && IsPack(name, folded))
        {
            return Size.Unknown;
        }

        var found = Size.Unknown;
        foreach (Match match in SizeWords().Matches(folded))
        {
            if (!decimal.TryParse(match.Groups["n"].ValueSpan, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
            {
                continue;
            }

            var size = Size.Of(n, UnitOf(match.Groups["u"].Value));
            if (size.IsKnown && (!found.IsKnown || (found.Dimension == Dimension.Count && size.Dimension != Dimension.Count)))
            {
                found = size;
            }
        }

        return found;
    }

    private static string UnitOf(string word) => word switch
    {
        "גרם" or "גרמים" or "גר" or "ג" or "g" or "gr" => "g",
        "קג" or "קילו" or "קילוגרם" or "kg" => "kg",
        "מל" or "מיליליטר" or "ml" => "ml",
        "ליטר" or "ליטרים" or "ליט" or "לי" or "ל" or "l" or "lt" or "ltr" => "l",
        "יח" or "יחידות" or "יחידה" or "יחי" => "unit",
        _ => "",
    };

    /// <summary>True when the name names a pack of several items, whose size is ambiguous (each or all).</summary>
    public static bool IsPack(string name, string folded) => Pack().IsMatch(name) || PackWords().IsMatch(folded);

    [GeneratedRegex(@"\d\s*[*xX×]\s*\d|\d\s*[*×]|[*×]\s*\d", RegexOptions.CultureInvariant)]
    private static partial Regex Pack();

    [GeneratedRegex(@"(^| )(שישיה|שישייה|רביעיה|רביעייה|שלישיה|שלישייה|מארז|זוג|מגשית|pack)( |$)", RegexOptions.CultureInvariant)]
    private static partial Regex PackWords();

    [GeneratedRegex(@"(?<![\d.])(?<n>\d+(?:\.\d+)?) (?<u>גרמים|גרם|גר|ג|קילוגרם|קילו|קג|מיליליטר|מל|ליטרים|ליטר|ליט|לי|ל|יחידות|יחידה|יחי|יח|kg|gr|g|ml|ltr|lt|l)(?= |$)", RegexOptions.CultureInvariant)]
    private static partial Regex SizeWords();
}
