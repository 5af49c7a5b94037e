namespace Gogobe.Storage.Stores;

/// <summary>A latitude/longitude box in degrees.</summary>
public readonly record struct GeoBox(double MinLat, double MaxLat, double MinLon, double MaxLon);
