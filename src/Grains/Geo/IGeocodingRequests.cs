namespace Gogobe.Grains.Geo;

/// <summary>
/// Hands the addresses a geocoder may place better to the geocoding queue (<c>geocode_requests</c> in PostgreSQL, beside
/// the stores it is derived from; ADR 0017). Without a geocoder configured it does nothing.
/// </summary>
public interface IGeocodingRequests
{
    /// <summary>Queues every address no geocoder has answered yet whose stores are placed less precisely than an address.</summary>
    Task RequestPendingAsync(CancellationToken cancellationToken);
}
