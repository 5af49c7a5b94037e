namespace Gogobe.Contracts.Geo;

/// <summary>
/// One normalised address (<c>code|street|number</c>), activated when the geocoding queue hands it out: answers from
/// the cache of every answer, else asks the geocoder in the cluster's next request slot, keeps the answer and places
/// the stores at that address.
/// </summary>
public interface IAddressGeocodeGrain : IGrainWithStringKey
{
    /// <summary>Returns null once answered (found or not), else how long to wait before asking again.</summary>
    Task<TimeSpan?> Geocode(string street, string? houseNumber, string locality);
}
