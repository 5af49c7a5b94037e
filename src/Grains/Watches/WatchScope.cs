using Gogobe.Storage.Watches;

namespace Gogobe.Grains.Watches;

/// <summary>
/// Whether a store is among those a watch looks at: it must match every filter the watch has (its chains, its stores,
/// its place and radius); a watch with none looks at every store.
/// </summary>
public static class WatchScope
{
    private const double EarthRadiusKm = 6371.0088;

    public static bool Contains(WatchDefinition watch, string chainId, string storeId, double? latitude, double? longitude)
    {
        ArgumentNullException.ThrowIfNull(watch);
        if (watch.Chains.Count > 0 && !watch.Chains.Contains(chainId, StringComparer.Ordinal))
        {
            return false;
        }

        if (watch.Stores.Count > 0 && !NamesStore(watch.Stores, chainId, storeId))
        {
            return false;
        }

        if (watch is { Latitude: { } lat, Longitude: { } lon, RadiusKm: { } radius })
        {
            return latitude is { } storeLat && longitude is { } storeLon && DistanceKm(lat, lon, storeLat, storeLon) <= radius;
        }

        return true;
    }

    /// <summary>Whether one of <paramref name="stores"/> (<c>chainId:storeId</c>) is the given store, without composing its name.</summary>
    private static bool NamesStore(IReadOnlyList<string> stores, string chainId, string storeId)
    {
        foreach (var named in stores)
        {
            if (named.Length == chainId.Length + 1 + storeId.Length && named[chainId.Length] == ':'
                && named.StartsWith(chainId, StringComparison.Ordinal) && named.EndsWith(storeId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Great-circle distance (haversine).</summary>
    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(lat2 - lat1);
        var dLon = Radians(lon2 - lon1);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) + (Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Pow(Math.Sin(dLon / 2), 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
