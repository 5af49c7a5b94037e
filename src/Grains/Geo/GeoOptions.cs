namespace Gogobe.Grains.Geo;

/// <summary>Where the national localities list is. Section <c>Geo</c>.</summary>
public sealed class GeoOptions
{
    public const string Section = "Geo";
    public const string DefaultFileName = "arikw_israeli-localities_localities.csv";

    /// <summary>
    /// The localities CSV (UTF-8: id, name, name_en, …, coordinates_wgs84_latitude, coordinates_wgs84_longitude, …).
    /// Default: <c>../shared/geo/arikw_israeli-localities_localities.csv</c> next to the repository holding Gogobe.sln
    /// above the host; deployments mount the file and set <c>Geo__LocalitiesFile</c>.
    /// </summary>
    public string? LocalitiesFile { get; set; }

    /// <summary>
    /// How often each silo asks the store locator to place stores still without coordinates. Imports of Stores files
    /// ask at once; this only catches what they missed, so it is rare enough to let an idle cluster rest.
    /// </summary>
    public TimeSpan LocateEvery { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The configured file, else the default one next to the repository; null when neither is known.</summary>
    public string? ResolveLocalitiesFile()
    {
        if (!string.IsNullOrWhiteSpace(LocalitiesFile))
        {
            return LocalitiesFile;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gogobe.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "geo", DefaultFileName));
            }
        }

        return null;
    }
}
