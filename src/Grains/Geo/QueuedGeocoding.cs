using Gogobe.Places;
using Gogobe.Storage.Places;
using Microsoft.Extensions.Options;

namespace Gogobe.Grains.Geo;

/// <summary>
/// Places stores at answers already kept for their address, then queues the other addresses for the geocoder in
/// PostgreSQL (<c>geocode_requests</c>), once per address, and wakes this silo's drain; queues nothing without a geocoder.
/// </summary>
public sealed class QueuedGeocoding(StorePlaces places, IOptions<GeocoderOptions> options, GeocodingQueueSignal signal) : IGeocodingRequests
{
    public async Task RequestPendingAsync(CancellationToken cancellationToken)
    {
        await places.ApplyKeptAnswersAsync(
            PlaceSource.Rank(PlacePrecision.Address, AddressGeocoder.Confidence), PlaceSource.Rank(PlacePrecision.Street, AddressGeocoder.Confidence), cancellationToken);
        if (options.Value.Enabled)
        {
            if (await places.EnqueueGeocodingAsync(PlaceSource.Rank(PlacePrecision.Address, AddressGeocoder.Confidence), cancellationToken) > 0)
            {
                signal.Raise();
            }
        }
    }
}
