using System.Text.Json;

namespace Gogobe.Places;

/// <summary>
/// The national street list by CBS locality code: each street's official name, found by its folded name, by the name
/// without its kind (רחוב, שדרות, דרך, שכונה) and by its two words swapped (ליפסקי לואי / לואי ליפסקי).
/// Neighbourhoods are in the list too (שכ הר נוף), so a neighbourhood names its locality.
/// </summary>
public sealed class StreetList
{
    private static readonly HashSet<string> Kinds = new(StringComparer.Ordinal) { "רח", "רחוב", "שד", "שדרות", "שדרת", "דרך", "שכ", "שכונת", "שכונה", "ש", "סמ", "סמטת", "כיכר", "ככר" };
    private readonly Dictionary<int, Dictionary<string, string>> byLocality;

    private StreetList(Dictionary<int, Dictionary<string, string>> byLocality) => this.byLocality = byLocality;

    public static StreetList Empty { get; } = new([]);

    public int Localities => byLocality.Count;

    public bool Knows(int localityCode) => byLocality.ContainsKey(localityCode);

    /// <summary>The official name of the street (or neighbourhood) the words name in the locality, or null.</summary>
    public string? Match(int localityCode, IReadOnlyList<string> words)
    {
        if (words.Count == 0 || !byLocality.TryGetValue(localityCode, out var streets))
        {
            return null;
        }

        var bare = WithoutKind(words);
        foreach (var candidate in new[] { words, bare })
        {
            if (candidate.Count > 0 && streets.TryGetValue(PlaceText.Join(candidate), out var name))
            {
                return name;
            }
        }

        if (bare.Count == 2 && streets.TryGetValue(bare[1] + " " + bare[0], out var swapped))
        {
            return swapped;
        }

        return WithoutArticle(bare) is { } plain && streets.TryGetValue(plain, out var found) ? found : null;
    }

    /// <summary>Reads the street list JSON: <c>{"5000": [["אבן גבירול", 123], ...], ...}</c>.</summary>
    public static StreetList Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        var byLocality = new Dictionary<int, Dictionary<string, string>>();
        foreach (var locality in document.RootElement.EnumerateObject())
        {
            if (!int.TryParse(locality.Name, out var code))
            {
                continue;
            }

            var streets = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var street in locality.Value.EnumerateArray())
            {
                var name = street[0].GetString()?.Trim();
                var words = PlaceText.Words(name);
                if (name is null || words.Length == 0)
                {
                    continue;
                }

                streets.TryAdd(PlaceText.Join(words), name);
                var bare = WithoutKind(words);
                if (bare.Count < words.Length)
                {
                    streets.TryAdd(PlaceText.Join(bare), name);
                }

                if (WithoutArticle(bare) is { } plain)
                {
                    streets.TryAdd(plain, name);
                }
            }

            byLocality[code] = streets;
        }

        return new StreetList(byLocality);
    }

    /// <summary>The words with the article ה dropped from the first (החשמונאים / חשמונאים), or null when it has none.</summary>
    private static string? WithoutArticle(IReadOnlyList<string> words) =>
        words.Count > 0 && words[0].Length > 3 && words[0][0] == 'ה' ? PlaceText.Join(words.Skip(1).Prepend(words[0][1..])) : null;

    private static IReadOnlyList<string> WithoutKind(IReadOnlyList<string> words)
    {
        var skip = 0;
        while (skip < words.Count - 1 && Kinds.Contains(words[skip]))
        {
            skip++;
        }

        return skip == 0 ? words : words.Skip(skip).ToList();
    }
}
