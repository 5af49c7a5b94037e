using System.Globalization;

namespace Gogobe.Places;

/// <summary>
/// Reads locality, street and house number from whichever fields of a Stores row hold them: the city field (a name in
/// any spelling, an abbreviation or a CBS code), the address (which often ends with the city), else the store's name.
/// </summary>
public sealed class AddressParser(LocalityList localities, StreetList streets)
{
    private static readonly HashSet<string> StreetEnds = new(StringComparer.Ordinal)
    {
        "פינת", "פ", "מול", "ליד", "שכ", "שכונת", "מתחם", "קניון", "מרכז", "מ", "אזור", "אזוה", "אזורת", "בכניסה", "כניסה", "צומת",
        "כביש", "קומה", "בין", "סמוך", "ביציאה", "מסחרי", "אצ", "אזת", "את", "תחנת",
    };

    private static readonly HashSet<string> StreetStarts = new(StringComparer.Ordinal) { "רח", "רחוב", "ברח", "ברחוב" };

    public ParsedAddress Parse(StoreAddress store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var cityWords = Abbreviations.Expand(PlaceText.Words(store.City));
        var (locality, from) = FromCity(store.City, cityWords);
        var segments = AddressSegments(store.Address);
        if (locality is null)
        {
            foreach (var segment in segments)
            {
                if (localities.FindIn(segment, end => end < segment.Count && IsHouseNumber(segment[end])) is { } match)
                {
                    (locality, from) = (match.Locality, LocalityFrom.Address);
                    break;
                }
            }
        }

        if (locality is null && localities.FindIn(Abbreviations.Expand(PlaceText.Words(store.Name))) is { } byName)
        {
            (locality, from) = (byName.Locality, LocalityFrom.StoreName);
        }

        var (street, number) = StreetOf(segments, locality);
        var known = locality is not null && street is not null ? streets.Match(locality.Code, street) : null;
        var note = locality is null ? WhyNoLocality(store) : null;
        if (known is null && number is null)
        {
            return new ParsedAddress(locality, from, null, false, null, note);
        }

        return new ParsedAddress(locality, from, known ?? PlaceText.Join(street!), known is not null, number, note);
    }

    /// <summary>Whether the row is an online shop or a delivery service rather than a place.</summary>
    public static bool IsOnline(StoreAddress store)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.StoreType == 2)
        {
            return true;
        }

        var name = PlaceText.Fold(store.Name);
        var web = PlaceText.Fold(store.Address) is var address && (address.Contains("http", StringComparison.Ordinal) || address.Contains("www", StringComparison.Ordinal));
        return name.Contains("online", StringComparison.Ordinal) || name.Contains("אונליין", StringComparison.Ordinal)
            || name.Contains("און ליין", StringComparison.Ordinal) || name.Contains("אינטרנט", StringComparison.Ordinal)
            || name.Contains("משלוחים", StringComparison.Ordinal)
            || (web && PlaceText.Words(store.City) is [] or ["unknown"] or ["0"]);
    }

    private (PlaceLocality?, LocalityFrom) FromCity(string? city, List<string> words)
    {
        var trimmed = city?.Trim() ?? "";
        if (trimmed.Length > 0 && trimmed.All(char.IsAsciiDigit))
        {
            return int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && localities.ByCode(code) is { } byCode
                ? (byCode, LocalityFrom.City)
                : (null, LocalityFrom.None);
        }

        if (words.Count == 0)
        {
            return (null, LocalityFrom.None);
        }

        var found = localities.Find(PlaceText.Join(words)) ?? localities.FindIn(words)?.Locality;
        return found is null ? (null, LocalityFrom.None) : (found, LocalityFrom.City);
    }

    /// <summary>The address split at commas into folded words, short forms written out; nothing for a web address.</summary>
    private static List<List<string>> AddressSegments(string? address)
    {
        if (string.IsNullOrWhiteSpace(address) || address.Contains("http", StringComparison.OrdinalIgnoreCase) || address.Contains("www", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        return address.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries)
            .Select(s => Abbreviations.Expand(PlaceText.Words(s)))
            .Where(w => w.Count > 0 && !(w.Count == 1 && w[0] is "unknown" or "0"))
            .ToList();
    }

    /// <summary>The street words and house number of the first segment that has them, the locality's own name left out.</summary>
    private (List<string>?, string?) StreetOf(List<List<string>> segments, PlaceLocality? locality)
    {
        foreach (var raw in segments)
        {
            var segment = locality is null ? raw : WithoutLocality(raw, locality);
            var at = segment.FindIndex(IsHouseNumber);
            List<string> street;
            if (at > 0)
            {
                street = segment.Take(at).ToList();
                var end = street.FindLastIndex(StreetEnds.Contains);
                street = end >= 0 ? street.Skip(end + 1).ToList() : street;
            }
            else
            {
                var after = at == 0 ? segment.Skip(1) : segment;
                street = after.TakeWhile(w => !StreetEnds.Contains(w) && !IsHouseNumber(w)).ToList();
            }

            street = street.SkipWhile(StreetStarts.Contains).TakeLast(4).ToList();
            if (street.Count > 0 && street.Any(w => !w.All(char.IsDigit)))
            {
                return (street, at >= 0 ? segment[at].TrimStart('0') : null);
            }
        }

        return (null, null);
    }

    private List<string> WithoutLocality(List<string> words, PlaceLocality locality)
    {
        for (var length = Math.Min(5, words.Count); length >= 1; length--)
        {
            for (var start = words.Count - length; start >= 0; start--)
            {
                if (localities.Find(PlaceText.Join(words.Skip(start).Take(length))) == locality && start + length < words.Count + 1
                    && !(start + length < words.Count && IsHouseNumber(words[start + length])))
                {
                    return [.. words.Take(start), .. words.Skip(start + length)];
                }
            }
        }

        return words;
    }

    private static bool IsHouseNumber(string word)
    {
        var digits = word.TakeWhile(char.IsAsciiDigit).Count();
        return digits is >= 1 and <= 4 && word.Length - digits <= 1 && word.TrimStart('0').Length > 0
               && (digits == word.Length || word[^1] is >= 'א' and <= 'ת');
    }

    private static string WhyNoLocality(StoreAddress store)
    {
        if (IsOnline(store))
        {
            return "online store";
        }

        var city = store.City?.Trim();
        return string.IsNullOrEmpty(city) || city is "0" || city.Equals("unknown", StringComparison.OrdinalIgnoreCase)
            ? "no locality in city, address or name"
            : city.All(char.IsAsciiDigit) ? $"locality code {city} is not in the localities list" : $"locality '{city}' is not in the localities list";
    }
}
