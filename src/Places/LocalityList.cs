using System.Globalization;

namespace Gogobe.Places;

/// <summary>
/// The national localities list, by CBS code and by every name a locality is known by: Hebrew, English, previous and
/// merged names, the name without its parenthesised note (יקנעם (מושבה)) or without עילית, and each part of a hyphenated name
/// (מודיעין-מכבים-רעות), folded by <see cref="PlaceText.Fold"/> and also by its <see cref="PlaceText.Skeleton"/>.
/// A name two localities share goes to the larger one.
/// </summary>
public sealed class LocalityList
{
    private const int LongestName = 5;
    private readonly Dictionary<int, PlaceLocality> byCode;
    private readonly Dictionary<string, PlaceLocality> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PlaceLocality> bySkeleton = new(StringComparer.Ordinal);

    public LocalityList(IReadOnlyCollection<(PlaceLocality Locality, IReadOnlyList<string> OtherNames)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        byCode = rows.ToDictionary(r => r.Locality.Code, r => r.Locality);
        var largestFirst = rows.OrderByDescending(r => r.Locality.Population).ThenBy(r => r.Locality.Code).ToList();
        foreach (var (locality, others) in largestFirst)
        {
            Add(locality.Name, locality);
            Add(locality.NameEnglish, locality);
        }

        foreach (var (spelling, official) in Spellings)
        {
            if (Find(official) is { } locality)
            {
                Add(spelling, locality);
            }
        }

        foreach (var (locality, others) in largestFirst)
        {
            foreach (var name in others.Append(locality.Name).SelectMany(Variants))
            {
                Add(name, locality);
            }
        }
    }

    public static LocalityList Empty => new([]);

    public int Count => byCode.Count;

    public PlaceLocality? ByCode(int code) => byCode.GetValueOrDefault(code);

    /// <summary>The locality a whole name (folded or not) names, or null.</summary>
    public PlaceLocality? Find(string? name)
    {
        var folded = PlaceText.Fold(name);
        if (folded.Length == 0)
        {
            return null;
        }

        return byName.TryGetValue(folded, out var found) || bySkeleton.TryGetValue(PlaceText.Skeleton(folded), out found) ? found : null;
    }

    /// <summary>
    /// The locality named by the longest run of <paramref name="words"/> (up to five words), the last one when two runs
    /// are as long; single words must have three letters or more. <paramref name="skip"/> rejects runs by their end.
    /// </summary>
    public LocalityMatch? FindIn(IReadOnlyList<string> words, Func<int, bool>? skip = null)
    {
        for (var length = Math.Min(LongestName, words.Count); length >= 1; length--)
        {
            for (var start = words.Count - length; start >= 0; start--)
            {
                if (length == 1 && (words[start].Length < 3 || NotNames.Contains(words[start])))
                {
                    continue;
                }

                if (skip?.Invoke(start + length) == true)
                {
                    continue;
                }

                var name = PlaceText.Join(words.Skip(start).Take(length));
                if (Find(name) is { } found)
                {
                    return new LocalityMatch(found, start, length);
                }
            }
        }

        return null;
    }

    /// <summary>Reads the arikw/CBS localities CSV (UTF-8 with header: id, name, name_en, coordinates_wgs84_*, population, previous_names, merged_locality_names).</summary>
    public static LocalityList Load(string path)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var header = CsvLine.Split(reader.ReadLine() ?? "");
        int Column(string name) => header.IndexOf(name) is >= 0 and var i ? i : throw new InvalidDataException($"{path}: no column '{name}'.");
        int id = Column("id"), he = Column("name"), en = Column("name_en"), lat = Column("coordinates_wgs84_latitude"), lon = Column("coordinates_wgs84_longitude");
        int population = header.IndexOf("population"), previous = header.IndexOf("previous_names"), merged = header.IndexOf("merged_locality_names");
        var rows = new List<(PlaceLocality, IReadOnlyList<string>)>();
        while (reader.ReadLine() is { } line)
        {
            var f = CsvLine.Split(line);
            if (f.Count <= Math.Max(lat, lon) || !int.TryParse(f[id], CultureInfo.InvariantCulture, out var code)
                || !double.TryParse(f[lat], CultureInfo.InvariantCulture, out var latitude)
                || !double.TryParse(f[lon], CultureInfo.InvariantCulture, out var longitude))
            {
                continue;
            }

            var people = population >= 0 && population < f.Count && int.TryParse(f[population], CultureInfo.InvariantCulture, out var p) ? p : 0;
            var english = f[en].Trim();
            var others = new[] { previous, merged }
                .Where(c => c >= 0 && c < f.Count)
                .SelectMany(c => f[c].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .ToList();
            rows.Add((new PlaceLocality(code, f[he].Trim(), english.Length > 0 ? english : null, latitude, longitude, people), others));
        }

        return new LocalityList(rows);
    }

    /// <summary>Transliterations of Arabic names the feeds use that folding does not bring together (ע' and ח' for غ and خ).</summary>
    private static readonly Dictionary<string, string> Spellings = new(StringComparer.Ordinal)
    {
        ["סכנין"] = "סח'נין",
        ["מעאר"] = "מגאר",
        ["מע'אר"] = "מגאר",
    };

    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "רחוב", "דרך", "שדרות", "כביש", "צומת", "מרכז", "מסחרי", "קניון", "כניסה", "בכניסה", "סניף", "אזור", "תעשיה", "פינת",
        "מול", "ליד", "אינטרנט", "online", "אונליין", "unknown", "קיבוץ", "מושב", "הכניסה",
    };

    private static IEnumerable<string> Variants(string name)
    {
        yield return name;
        var open = name.IndexOf('(', StringComparison.Ordinal);
        var bare = open > 0 ? name[..open].Trim() : name;
        yield return bare;
        if (bare.EndsWith(" עילית", StringComparison.Ordinal))
        {
            yield return bare[..^" עילית".Length];
        }
        var parts = bare.Split('-', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length > 1)
        {
            foreach (var part in parts.Where(p => p.Length >= 3))
            {
                yield return part;
            }
        }
    }

    private void Add(string? name, PlaceLocality locality)
    {
        var folded = PlaceText.Fold(name);
        if (folded.Length > 0)
        {
            byName.TryAdd(folded, locality);
            bySkeleton.TryAdd(PlaceText.Skeleton(folded), locality);
        }
    }
}

/// <summary>Where in a list of words a locality's name was found.</summary>
public sealed record LocalityMatch(PlaceLocality Locality, int Start, int Length);
