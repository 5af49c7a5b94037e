using System.Text;

namespace Gogobe.Matching.Text;

/// <summary>
/// Folds a product name for comparing, the way search folds text (lower case; quotes, apostrophes and gershayim
/// dropped; anything but letters and digits a single space), and further: digits and letters written together are
/// apart (<c>200מל</c> is <c>200 מל</c>), and a decimal point between digits is kept (<c>1.5</c>).
/// </summary>
public static class NameText
{
    /// <summary>Hebrew letters that prefix a word (and, the, in, to, from, that, as): <c>לשיער</c> is also <c>שיער</c>.</summary>
    private const string Prefixes = "והבלמשכ";

    public static string Fold(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "";
        }

        var text = new StringBuilder(value.Length + 8);
        var previous = Kind.Space;
        for (var i = 0; i < value.Length; i++)
        {
            var c = char.ToLowerInvariant(value[i]);
            if (c is '"' or '\'' or '`' or '\u05F3' or '\u05F4' or '\u2019' or '\u201D')
            {
                continue;
            }

            var kind = KindOf(c);
            if (c == '.' && previous == Kind.Digit && i + 1 < value.Length && char.IsAsciiDigit(value[i + 1]))
            {
                text.Append(c);
                continue;
            }

            if (kind == Kind.Space)
            {
                previous = Kind.Space;
                continue;
            }

            if (text.Length > 0 && previous != kind)
            {
                text.Append(' ');
            }

            text.Append(c);
            previous = kind;
        }

        return text.ToString();
    }

    /// <summary>The distinct words of a folded name, in order.</summary>
    public static string[] Words(string folded) =>
        folded.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>A Hebrew word without its one-letter prefix, or null when it has none worth removing.</summary>
    public static string? WithoutPrefix(string word) =>
        word.Length >= 4 && Prefixes.Contains(word[0], StringComparison.Ordinal) && IsHebrew(word[1]) ? word[1..] : null;

    private static bool IsHebrew(char c) => c is >= '\u05D0' and <= '\u05EA';

    private static Kind KindOf(char c) =>
        char.IsAsciiDigit(c) ? Kind.Digit
        : c is (>= 'a' and <= 'z') || IsHebrew(c) || c is (>= '\u0430' and <= '\u044F') or (>= '\u0600' and <= '\u06FF') ? Kind.Letter
        : Kind.Space;

    private enum Kind
    {
        Space,
        Letter,
        Digit,
    }
}
