using System.Text;

namespace Gogobe.Places;

/// <summary>
/// Folds place names and addresses as the feeds write them into comparable words: lower case, quotes, gershayim and
/// apostrophes dropped (ת"א → תא, רח' → רח), anything else but letters and digits a word break, doubled yod and vav
/// single (קריית → קרית, תקווה → תקוה).
/// </summary>
public static class PlaceText
{
    public static string Fold(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "";
        }

        var text = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var raw in value)
        {
            var c = char.ToLowerInvariant(raw);
            if (c is '"' or '\'' or '`' or '\u05F3' or '\u05F4' or '\u2019')
            {
                continue;
            }

            if (!char.IsLetterOrDigit(c))
            {
                pendingSpace = text.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                text.Append(' ');
                pendingSpace = false;
            }

            if ((c is 'י' or 'ו') && text.Length > 0 && text[^1] == c)
            {
                continue;
            }

            text.Append(c);
        }

        return text.ToString();
    }

    /// <summary>The folded words of <paramref name="value"/>.</summary>
    public static string[] Words(string? value) => Fold(value).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// A folded name without the yod, vav and alef that spell vowels inside words, so full and defective spellings meet
    /// (יוקנעם and יקנעם, הרצלייה and הרצליה).
    /// </summary>
    public static string Skeleton(string folded)
    {
        var text = new StringBuilder(folded.Length);
        for (var i = 0; i < folded.Length; i++)
        {
            var c = folded[i];
            var wordStart = i == 0 || folded[i - 1] == ' ';
            if (!wordStart && c is 'י' or 'ו' or 'א')
            {
                continue;
            }

            text.Append(c);
        }

        return text.ToString();
    }

    public static string Join(IEnumerable<string> words) => string.Join(' ', words);
}
