using Gogobe.Places;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gogobe.Grains.Geo;

/// <summary>The official localities and streets lists, read once per silo on first use.</summary>
public sealed partial class PlaceLists(IOptions<GeoOptions> options, ILogger<PlaceLists> logger)
{
    private readonly Lazy<GeoLists> lists = new(() => Load(options.Value, logger));
    private StorePlacer? placer;

    public LocalityList Localities => lists.Value.Localities;

    public StorePlacer Placer => placer ??= lists.Value.Placer();

    private static GeoLists Load(GeoOptions options, ILogger logger)
    {
        var localities = options.ResolveLocalitiesFile();
        var streets = options.ResolveStreetsFile();
        var lists = GeoLists.Load(localities, streets);
        if (lists.Localities.Count == 0)
        {
            LogMissing(logger, localities ?? "(not set)", "Geo__LocalitiesFile");
        }

        if (lists.Streets.Localities == 0)
        {
            LogMissing(logger, streets ?? "(not set)", "Geo__StreetsFile");
        }

        LogLoaded(logger, lists.Localities.Count, lists.Streets.Localities);
        return lists;
    }

    [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "Loaded {Localities} localities and the streets of {StreetLocalities} localities")]
    private static partial void LogLoaded(ILogger logger, int localities, int streetLocalities);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "List {Path} not found: stores are placed less precisely; set {Setting}")]
    private static partial void LogMissing(ILogger logger, string path, string setting);
}
