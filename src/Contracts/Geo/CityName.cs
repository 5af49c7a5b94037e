using System.Globalization;

namespace Gogobe.Contracts.Geo;

/// <summary>
/// Turns a city as the feeds write it into the key of its <see cref="IGeocodeGrain"/>: <c>code:N</c> for a national
/// locality code (Shufersal and Rami Levy write numbers), else <c>name:</c> and the name folded by <see cref="Normalise"/>.
/// </summary>
public static class CityName
{
    public const string CodePrefix = "code:";
    public const string NamePrefix = "name:";

    /// <summary>
    /// "תל אביב - יפו", "תל-אביב יפו" and "תל אביב יפו" become one name; so do the spellings with a doubled
    /// yod or vav ("קריית"/"קרית").
    /// </summary>
    public static string Normalise(string? city)
    {
        var text = SearchText.Normalise(city);
        return text.Replace("יי", "י", StringComparison.Ordinal).Replace("וו", "ו", StringComparison.Ordinal);
    }

    /// <summary>The geocode key of a city, or null when it names nothing (empty, or the code 0).</summary>
    public static string? Key(string? city)
    {
        var trimmed = city?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.All(char.IsAsciiDigit))
        {
            return int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code > 0
                ? CodeKey(code)
                : null;
        }

        var name = Normalise(trimmed);
        return name.Length == 0 ? null : NamePrefix + name;
    }

    public static string CodeKey(int localityCode) => CodePrefix + localityCode.ToString(CultureInfo.InvariantCulture);
}
