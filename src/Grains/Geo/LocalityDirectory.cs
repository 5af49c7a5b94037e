using System.Globalization;
using Gogobe.Contracts.Geo;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gogobe.Grains.Geo;

/// <summary>
/// The national localities list, read once per silo on first use: by locality code and by every name a locality is
/// known by (Hebrew, English, previous and merged names), each folded by <see cref="CityName.Normalise"/>.
/// </summary>
public sealed partial class LocalityDirectory(IOptions<GeoOptions> options, ILogger<LocalityDirectory> logger)
{
    private readonly Lazy<Index> index = new(() => Load(options.Value, logger));

    public int Count => index.Value.ByCode.Count;

    /// <summary>The locality a geocode key names, or null.</summary>
    public Locality? Find(string key)
    {
        var loaded = index.Value;
        if (key.StartsWith(CityName.CodePrefix, StringComparison.Ordinal))
        {
            return int.TryParse(key.AsSpan(CityName.CodePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var code)
                   && loaded.ByCode.TryGetValue(code, out var byCode) ? byCode : null;
        }

        return key.StartsWith(CityName.NamePrefix, StringComparison.Ordinal)
               && loaded.ByName.TryGetValue(key[CityName.NamePrefix.Length..], out var byName) ? byName : null;
    }

    private static Index Load(GeoOptions options, ILogger logger)
    {
        var path = options.ResolveLocalitiesFile();
        if (path is null || !File.Exists(path))
        {
            LogMissing(logger, path ?? "(not set)");
            return new Index([], []);
        }

        var byCode = new Dictionary<int, Locality>();
        var byName = new Dictionary<string, Locality>(StringComparer.Ordinal);
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var header = CsvLine.Split(reader.ReadLine() ?? "");
        int Column(string name) => header.IndexOf(name) is >= 0 and var i ? i : throw new InvalidDataException($"{path}: no column '{name}'.");
        int id = Column("id"), he = Column("name"), en = Column("name_en"), lat = Column("coordinates_wgs84_latitude"), lon = Column("coordinates_wgs84_longitude");
        int previous = header.IndexOf("previous_names"), merged = header.IndexOf("merged_locality_names");
        while (reader.ReadLine() is { } line)
        {
            var f = CsvLine.Split(line);
            if (f.Count <= Math.Max(lat, lon) || !int.TryParse(f[id], CultureInfo.InvariantCulture, out var code)
                || !double.TryParse(f[lat], CultureInfo.InvariantCulture, out var latitude)
                || !double.TryParse(f[lon], CultureInfo.InvariantCulture, out var longitude))
            {
                continue;
            }

            var locality = new Locality(code, f[he].Trim(), f[en].Trim() is { Length: > 0 } english ? english : null, latitude, longitude);
            byCode[code] = locality;
            foreach (var name in Names(f, he, en, previous, merged))
            {
                byName.TryAdd(CityName.Normalise(name), locality);
            }
        }

        byName.Remove("");
        LogLoaded(logger, byCode.Count, path);
        return new Index(byCode, byName);
    }

    private static IEnumerable<string> Names(List<string> fields, int he, int en, int previous, int merged)
    {
        yield return fields[he];
        yield return fields[en];
        foreach (var column in new[] { previous, merged })
        {
            if (column >= 0 && column < fields.Count)
            {
                foreach (var name in fields[column].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    yield return name;
                }
            }
        }
    }

    private sealed record Index(Dictionary<int, Locality> ByCode, Dictionary<string, Locality> ByName);

    [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "Loaded {Count} localities from {Path}")]
    private static partial void LogLoaded(ILogger logger, int count, string path);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "Localities file {Path} not found: stores stay without coordinates; set Geo__LocalitiesFile")]
    private static partial void LogMissing(ILogger logger, string path);
}
