namespace Gogobe.Places;

/// <summary>The official lists places are read from: localities (CBS, with WGS84 centres) and streets by locality code.</summary>
public sealed record GeoLists(LocalityList Localities, StreetList Streets)
{
    public const string LocalitiesFileName = "arikw_israeli-localities_localities.csv";
    public const string StreetsFileName = "chenzooler_bingo-crm_streets.json";

    /// <summary>
    /// <c>shared/geo</c> beside the repository that holds <c>Gogobe.sln</c> above <paramref name="start"/> (the host's
    /// folder by default), or beside a folder further up; null when there is none.
    /// </summary>
    public static string? DefaultFolder(string? start = null)
    {
        var inRepository = false;
        for (var dir = new DirectoryInfo(start ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            inRepository |= File.Exists(Path.Combine(dir.FullName, "Gogobe.sln"));
            var geo = Path.Combine(dir.FullName, "..", "shared", "geo");
            if (inRepository && Directory.Exists(geo))
            {
                return Path.GetFullPath(geo);
            }
        }

        return null;
    }

    /// <summary>Reads both lists; a missing file gives an empty list (the caller says so).</summary>
    public static GeoLists Load(string? localitiesFile, string? streetsFile) => new(
        localitiesFile is not null && File.Exists(localitiesFile) ? LocalityList.Load(localitiesFile) : LocalityList.Empty,
        streetsFile is not null && File.Exists(streetsFile) ? StreetList.Load(streetsFile) : StreetList.Empty);

    public StorePlacer Placer() => new(Localities, Streets);
}
