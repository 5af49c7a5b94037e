namespace Gogobe.Grains.Geo;

/// <summary>
/// Hands the addresses a geocoder may place better to the geocoding queue (<c>gogobe.geocoding.request</c>); the host
/// provides it. Without a geocoder configured it does nothing.
/// </summary>
public interface IGeocodingRequests
{
    /// <summary>Queues every address no geocoder has answered yet whose stores are placed less precisely than an address.</summary>
    Task RequestPendingAsync(CancellationToken cancellationToken);
}
