namespace Gogobe.Contracts.Geo;

/// <summary>
/// Places stores that have a city but no coordinates at their city's centroid (one grain for the cluster, key 0).
/// Every silo asks it to run every few seconds; a run that comes too soon after the last one does nothing.
/// </summary>
public interface IStoreLocatorGrain : IGrainWithIntegerKey
{
    /// <summary>Locates the stores waiting for coordinates; returns how many were placed.</summary>
    Task<int> Locate();
}
