using Gogobe.Contracts.Geo;
using Gogobe.Grains.Placement;
using Gogobe.Places.Geocoding;

namespace Gogobe.Grains.Geo;

/// <summary>One normalised address; see <see cref="IAddressGeocodeGrain"/>. Placed on query silos, which drain the geocoding queue.</summary>
[SiloRolePlacement(SiloRole.Query)]
public sealed class AddressGeocodeGrain(AddressGeocoder geocoder) : Grain, IAddressGeocodeGrain
{
    public Task<TimeSpan?> Geocode(string street, string? houseNumber, string locality) =>
        geocoder.GeocodeAsync(new GeocodeQuery(this.GetPrimaryKeyString(), street, houseNumber, locality), CancellationToken.None);
}
