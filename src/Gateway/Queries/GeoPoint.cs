using Gogobe.Storage.Stores;

namespace Gogobe.Gateway.Queries;

/// <summary>A WGS84 point.</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    private const double EarthRadiusKm = 6371.0088;

    /// <summary>Great-circle distance in kilometres (haversine).</summary>
    public double DistanceKm(double latitude, double longitude)
    {
        var dLat = Radians(latitude - Latitude);
        var dLon = Radians(longitude - Longitude);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) +
                (Math.Cos(Radians(Latitude)) * Math.Cos(Radians(latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>A latitude/longitude box that holds every point within <paramref name="radiusKm"/>.</summary>
    public GeoBox Box(double radiusKm)
    {
        var dLat = radiusKm / 111.0;
        var dLon = radiusKm / (111.0 * Math.Max(0.01, Math.Cos(Radians(Latitude))));
        return new GeoBox(Latitude - dLat, Latitude + dLat, Longitude - dLon, Longitude + dLon);
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}
