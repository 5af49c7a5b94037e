using Gogobe.Places;

namespace Gogobe.Grains.Geo;

/// <summary>Where the official lists are and how often stores are looked at again. Section <c>Geo</c>.</summary>
public sealed class GeoOptions
{
    public const string Section = "Geo";

    /// <summary>
    /// The localities CSV (UTF-8: id, name, name_en, …, coordinates_wgs84_latitude, coordinates_wgs84_longitude, …).
    /// Default: <c>shared/geo/arikw_israeli-localities_localities.csv</c> beside the repository holding Gogobe.sln
    /// above the host; deployments mount the file and set <c>Geo__LocalitiesFile</c>.
    /// </summary>
    public string? LocalitiesFile { get; set; }

    /// <summary>The national street list by locality code (JSON); default beside the localities file's default.</summary>
    public string? StreetsFile { get; set; }

    /// <summary>
    /// How often each silo asks the store locator to place stores whose facts changed. Imports of Stores files ask at
    /// once; this only catches what they missed, so it is rare enough to let an idle cluster rest.
    /// </summary>
    public TimeSpan LocateEvery { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The configured localities file, else the default one; null when neither is known.</summary>
    public string? ResolveLocalitiesFile() => Resolve(LocalitiesFile, GeoLists.LocalitiesFileName);

    public string? ResolveStreetsFile() => Resolve(StreetsFile, GeoLists.StreetsFileName);

    private static string? Resolve(string? configured, string fileName) =>
        !string.IsNullOrWhiteSpace(configured) ? configured
        : GeoLists.DefaultFolder() is { } folder ? Path.Combine(folder, fileName) : null;
}
