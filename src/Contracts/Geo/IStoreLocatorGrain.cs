namespace Gogobe.Contracts.Geo;

/// <summary>
/// Places stores that have a city but no coordinates at their city's centroid (one grain for the cluster, key 0).
/// An import of a Stores file asks it to run when stores were added or moved; every silo also asks it now and then
/// (at its start and every <c>Geo:LocateEvery</c>) to catch what was missed.
/// </summary>
public interface IStoreLocatorGrain : IGrainWithIntegerKey
{
    /// <summary>Locates the stores waiting for coordinates; returns how many were placed.</summary>
    Task<int> Locate();
}
