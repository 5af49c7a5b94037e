using System.Text;

namespace Gogobe.Contracts.Geo;

/// <summary>
/// Folds the spellings of a name together the way the database's <c>gogobe_search_text</c> does: lower case, quotes and
/// gershayim dropped, anything but letters (Latin, Hebrew, Cyrillic, Arabic) and digits turned into single spaces.
/// </summary>
public static class SearchText
{
    public static string Normalise(string? value)
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
            if (IsDropped(c))
            {
                continue;
            }

            if (!IsKept(c))
            {
                pendingSpace = text.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                text.Append(' ');
                pendingSpace = false;
            }

            text.Append(c);
        }

        return text.ToString();
    }

    /// <summary>The distinct words of <paramref name="value"/> after normalising.</summary>
    public static IReadOnlyList<string> Words(string? value) =>
        Normalise(value).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();

    private static bool IsDropped(char c) => c is '"' or '\'' or '`' or '\u05F3' or '\u05F4';

    private static bool IsKept(char c) =>
        c is (>= '0' and <= '9') or (>= 'a' and <= 'z') or (>= '\u05D0' and <= '\u05EA') or (>= '\u0430' and <= '\u044F') or (>= '\u0600' and <= '\u06FF');
}
