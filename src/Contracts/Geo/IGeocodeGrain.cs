namespace Gogobe.Contracts.Geo;

/// <summary>
/// A city resolved to a national locality, keyed by <see cref="CityName.Key"/> (<c>code:3000</c>, <c>name:ירושלים</c>).
/// The answer is the locality's centroid: a store located through it is placed with city precision.
/// </summary>
public interface IGeocodeGrain : IGrainWithStringKey
{
    /// <summary>The locality, or null when the list has no such city.</summary>
    Task<Locality?> Resolve();
}

/// <summary>A locality of the national list: its code, Hebrew and English names and WGS84 centroid.</summary>
[GenerateSerializer, Immutable]
public sealed record Locality(
    [property: Id(0)] int Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string? NameEnglish,
    [property: Id(3)] double Latitude,
    [property: Id(4)] double Longitude);
