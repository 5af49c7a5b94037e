namespace Gogobe.Grains.Geo;

/// <summary>No geocoder configured: stores stay at the precision the feeds and the official lists give.</summary>
public sealed class NoGeocoding : IGeocodingRequests
{
    public Task RequestPendingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
