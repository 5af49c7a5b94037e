namespace Gogobe.Places;

/// <summary>A locality of the national list: its CBS code, Hebrew and English names and WGS84 centre.</summary>
public sealed record PlaceLocality(int Code, string Name, string? NameEnglish, double Latitude, double Longitude, int Population);
