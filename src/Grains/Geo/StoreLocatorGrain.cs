using Gogobe.Contracts.Geo;
using Gogobe.Places;
using Gogobe.Storage.Places;
using Microsoft.Extensions.Logging;
using Gogobe.Grains.Placement;

namespace Gogobe.Grains.Geo;

/// <summary>
/// Places the stores whose facts changed since they were last placed: reads them in one query, places them offline
/// (feed coordinates, else the locality the address parser finds), writes them in one statement where a location only
/// gives way to one of equal or higher rank, then asks the geocoder about the addresses it may place better.
/// </summary>
[SiloRolePlacement(SiloRole.Query)]
public sealed partial class StoreLocatorGrain(StorePlaces places, PlaceLists lists, IGeocodingRequests geocoding, ILogger<StoreLocatorGrain> logger)
    : Grain, IStoreLocatorGrain
{
    private const int Batch = 20_000;

    public async Task<int> Locate()
    {
        var waiting = await places.ReadWaitingAsync(Batch);
        if (waiting.Count == 0)
        {
            return 0;
        }

        var chains = new ChainLocalities();
        foreach (var (chain, code, count) in await places.ReadChainLocalitiesAsync())
        {
            chains.Add(chain, code, count);
        }

        var stores = waiting.Select(w => new StoreAddress(w.ChainId, w.StoreId, w.Name, w.Address, w.City, w.StoreType, w.FeedLatitude, w.FeedLongitude)).ToList();
        var placed = lists.Placer.Place(stores, chains);
        await places.WriteAsync(placed.Select(ToRow).ToList());
        var located = placed.Count(p => p.Placed);
        LogPlaced(waiting.Count, located);
        await geocoding.RequestPendingAsync(CancellationToken.None);
        return located;
    }

    /// <summary>A placement as the places writer stores it.</summary>
    public static PlaceRow ToRow(StorePlace p) =>
        new(p.ChainId, p.StoreId, p.Latitude, p.Longitude, p.Placed ? PlaceSource.Name(p.Precision) : null, p.Source, p.Rank,
            p.Locality?.Code, p.Locality?.Name, p.Street, p.HouseNumber, p.AddressKey, p.Reason);

    [LoggerMessage(EventId = 2311, Level = LogLevel.Information, Message = "Looked at {Count} stores whose facts changed; placed {Placed} of them")]
    private partial void LogPlaced(int count, int placed);
}
