using System.Globalization;
using Gogobe.Contracts.Geo;
using Gogobe.Places;

namespace Gogobe.Grains.Geo;

/// <summary>Resolves geocode keys (<c>code:N</c>, <c>name:…</c>) against the national localities list.</summary>
public sealed class LocalityDirectory(PlaceLists lists)
{
    public int Count => lists.Localities.Count;

    /// <summary>The locality a geocode key names, or null.</summary>
    public Locality? Find(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        PlaceLocality? found = null;
        if (key.StartsWith(CityName.CodePrefix, StringComparison.Ordinal))
        {
            found = int.TryParse(key.AsSpan(CityName.CodePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var code)
                ? lists.Localities.ByCode(code)
                : null;
        }
        else if (key.StartsWith(CityName.NamePrefix, StringComparison.Ordinal))
        {
            found = lists.Localities.Find(key[CityName.NamePrefix.Length..]);
        }

        return found is null ? null : new Locality(found.Code, found.Name, found.NameEnglish, found.Latitude, found.Longitude);
    }
}
