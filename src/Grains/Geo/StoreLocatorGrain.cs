using Gogobe.Contracts.Geo;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Gogobe.Grains.Geo;

/// <summary>
/// Places stores without coordinates at their city's centroid: one query for the cities waiting, one geocode grain
/// per city, one update per city. Cities the localities list does not know are remembered and skipped.
/// </summary>
public sealed partial class StoreLocatorGrain(NpgsqlDataSource dataSource, ILogger<StoreLocatorGrain> logger)
    : Grain, IStoreLocatorGrain
{
    private const string WaitingCities = "SELECT DISTINCT city FROM stores WHERE latitude IS NULL AND city IS NOT NULL";

    private const string Place = """
        UPDATE stores SET latitude = @lat, longitude = @lon, locality_code = @code, locality_name = @name, location_precision = 'city'
        WHERE city = @city AND latitude IS NULL
        """;

    private readonly HashSet<string> unknownCities = new(StringComparer.Ordinal);

    public async Task<int> Locate()
    {
        var cities = new List<string>();
        await using (var command = dataSource.CreateCommand(WaitingCities))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                cities.Add(reader.GetString(0));
            }
        }

        var placed = 0;
        foreach (var city in cities.Where(c => !unknownCities.Contains(c)))
        {
            var key = CityName.Key(city);
            var locality = key is null ? null : await GrainFactory.GetGrain<IGeocodeGrain>(key).Resolve();
            if (locality is null)
            {
                unknownCities.Add(city);
                LogUnknownCity(city);
                continue;
            }

            await using var update = dataSource.CreateCommand(Place);
            update.Parameters.Add(new NpgsqlParameter("lat", NpgsqlDbType.Double) { Value = locality.Latitude });
            update.Parameters.Add(new NpgsqlParameter("lon", NpgsqlDbType.Double) { Value = locality.Longitude });
            update.Parameters.Add(new NpgsqlParameter("code", NpgsqlDbType.Integer) { Value = locality.Code });
            update.Parameters.Add(new NpgsqlParameter("name", NpgsqlDbType.Text) { Value = locality.Name });
            update.Parameters.Add(new NpgsqlParameter("city", NpgsqlDbType.Text) { Value = city });
            placed += await update.ExecuteNonQueryAsync();
        }

        if (placed > 0)
        {
            LogPlaced(placed);
        }

        return placed;
    }

    [LoggerMessage(EventId = 2311, Level = LogLevel.Information, Message = "Placed {Count} stores at their city's centroid")]
    private partial void LogPlaced(int count);

    [LoggerMessage(EventId = 2312, Level = LogLevel.Information, Message = "City '{City}' is not in the localities list; its stores stay without coordinates")]
    private partial void LogUnknownCity(string city);
}
