namespace Gogobe.Places;

/// <summary>
/// Where a Stores row places its store without asking a geocoder: the chain's coordinates, else its locality's centre;
/// with the parsed address, the normalised address key (when a geocoder could do better) and, when unplaced, why.
/// </summary>
public sealed record StorePlace(
    string ChainId,
    string StoreId,
    double? Latitude,
    double? Longitude,
    PlacePrecision Precision,
    string? Source,
    int Rank,
    PlaceLocality? Locality,
    string? Street,
    string? HouseNumber,
    string? AddressKey,
    string? Reason)
{
    public bool Placed => Latitude is not null;

    /// <summary>Whether a geocoder may place the store more precisely than it is now.</summary>
    public bool WantsGeocoder => AddressKey is not null && Precision < PlacePrecision.Address;
}
