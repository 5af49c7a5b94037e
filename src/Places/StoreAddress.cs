namespace Gogobe.Places;

/// <summary>What a Stores file says about where a store is.</summary>
/// <param name="StoreType">1 physical, 2 online, 3 both.</param>
public sealed record StoreAddress(
    string ChainId, string StoreId, string? Name, string? Address, string? City, int? StoreType, double? Latitude, double? Longitude);

/// <summary>Where in a store's fields its locality was found; the higher, the surer.</summary>
public enum LocalityFrom
{
    None = -1,
    ChainStreet = 0,
    StoreName = 1,
    Address = 2,
    City = 3,
}

/// <summary>A store's address as parsed: locality, street (the official name when the street list knows it) and house number.</summary>
public sealed record ParsedAddress(PlaceLocality? Locality, LocalityFrom From, string? Street, bool StreetKnown, string? HouseNumber, string? Note)
{
    /// <summary>
    /// The normalised address: <c>code|street|number</c>, folded, the key under which a geocoder's answer is cached;
    /// null without a locality and a street.
    /// </summary>
    public string? Key => Locality is { } l && Street is { } s
        ? $"{l.Code}|{PlaceText.Fold(s)}|{HouseNumber ?? ""}"
        : null;
}
