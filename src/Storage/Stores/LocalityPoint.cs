namespace Gogobe.Storage.Stores;

/// <summary>A locality with stores: its name, national code when known, the centre of its stores and how many there are.</summary>
public sealed record LocalityPoint(string Name, int? Code, double Lat, double Lon, int Stores);
