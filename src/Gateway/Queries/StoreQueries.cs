using Gogobe.Gateway.Apis;
using Gogobe.Storage.Stores;

namespace Gogobe.Gateway.Queries;

/// <summary>Chains and stores as the gateway answers them: a distance filter is a box in storage, then the exact distance here.</summary>
public sealed class StoreQueries(StoreListings listings)
{
    public Task<List<ChainEntry>> ChainsAsync(CancellationToken cancellationToken) => listings.ChainsAsync(cancellationToken);

    public async Task<List<StoreEntry>> ListAsync(string? chainId, string? city, int? localityCode, GeoPoint? near, double radiusKm, CancellationToken cancellationToken)
    {
        var listed = await listings.ListAsync(chainId, city, localityCode, near?.Box(radiusKm), cancellationToken);
        var stores = new List<StoreEntry>();
        foreach (var listing in listed)
        {
            var store = ToEntry(listing, near);
            if (near is null || store.DistanceKm <= radiusKm)
            {
                stores.Add(store);
            }
        }

        return near is null ? stores : [.. stores.OrderBy(s => s.DistanceKm)];
    }

    public async Task<StoreEntry?> GetAsync(string chainId, string storeId, CancellationToken cancellationToken) =>
        await listings.GetAsync(chainId, storeId, cancellationToken) is { } listing ? ToEntry(listing, null) : null;

    private static StoreEntry ToEntry(StoreListing s, GeoPoint? near)
    {
        double? distance = near is { } p && s.Latitude is { } lat && s.Longitude is { } lon ? Math.Round(p.DistanceKm(lat, lon), 2) : null;
        return new StoreEntry(
            s.ChainId, s.ChainName, s.StoreId, s.Name, s.SubChainName, s.Address, s.LocalityName ?? s.City, s.City, s.LocalityCode,
            Location.Of(s.Latitude, s.Longitude, s.LocationPrecision, s.LocationSource), distance, s.StoreType, s.ZipCode, s.Prices,
            near is null ? null : Location.IsApproximate(s.LocationPrecision), s.PricesUpdatedAt);
    }
}
