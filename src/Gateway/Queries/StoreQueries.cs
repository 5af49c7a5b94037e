using Gogobe.Gateway.Apis;
using Npgsql;
using NpgsqlTypes;

namespace Gogobe.Gateway.Queries;

/// <summary>Chains and stores from PostgreSQL; a distance filter is a box in SQL, then the exact distance here.</summary>
public sealed class StoreQueries(NpgsqlDataSource dataSource)
{
    public const int MaxStores = 5000;

    private const string Columns = """
        s.chain_id, c.name, s.store_id, s.name, s.sub_chain_name, s.address, s.city, s.locality_code, s.locality_name,
        s.latitude, s.longitude, s.location_precision, s.store_type, s.zip_code, s.location_source
        """;

    private const string ChainsSql = """
        SELECT c.chain_id, c.name, count(s.store_id)::int, count(s.latitude)::int
        FROM chains c LEFT JOIN stores s ON s.chain_id = c.chain_id
        GROUP BY c.chain_id, c.name ORDER BY c.chain_id
        """;

    private const string ListSql = $"""
        SELECT {Columns}
        FROM stores s LEFT JOIN chains c ON c.chain_id = s.chain_id
        WHERE (@chain::text IS NULL OR s.chain_id = @chain)
          AND (@city::text IS NULL OR s.city = @city OR s.locality_code = @code)
          AND (@min_lat::float8 IS NULL OR (s.latitude BETWEEN @min_lat AND @max_lat AND s.longitude BETWEEN @min_lon AND @max_lon))
        ORDER BY s.chain_id, s.store_id
        LIMIT @limit
        """;

    private const string OneSql = $"""
        SELECT {Columns}, (SELECT count(*)::int FROM store_prices p WHERE p.chain_id = s.chain_id AND p.store_id = s.store_id AND p.available)
        FROM stores s LEFT JOIN chains c ON c.chain_id = s.chain_id
        WHERE s.chain_id = @chain AND s.store_id = @store
        """;

    public async Task<List<ChainEntry>> ChainsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ChainsSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var chains = new List<ChainEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            chains.Add(new ChainEntry(reader.GetString(0), Text(reader, 1), reader.GetInt32(2), reader.GetInt32(3)));
        }

        return chains;
    }

    public async Task<List<StoreEntry>> ListAsync(string? chainId, string? city, int? localityCode, GeoPoint? near, double radiusKm, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ListSql);
        var box = near?.Box(radiusKm);
        Add(command, "chain", NpgsqlDbType.Text, chainId);
        Add(command, "city", NpgsqlDbType.Text, city);
        Add(command, "code", NpgsqlDbType.Integer, localityCode);
        Add(command, "min_lat", NpgsqlDbType.Double, box?.MinLat);
        Add(command, "max_lat", NpgsqlDbType.Double, box?.MaxLat);
        Add(command, "min_lon", NpgsqlDbType.Double, box?.MinLon);
        Add(command, "max_lon", NpgsqlDbType.Double, box?.MaxLon);
        Add(command, "limit", NpgsqlDbType.Integer, MaxStores);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var stores = new List<StoreEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var store = Read(reader, near);
            if (near is null || store.DistanceKm <= radiusKm)
            {
                stores.Add(store);
            }
        }

        return near is null ? stores : [.. stores.OrderBy(s => s.DistanceKm)];
    }

    public async Task<StoreEntry?> GetAsync(string chainId, string storeId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(OneSql);
        Add(command, "chain", NpgsqlDbType.Text, chainId);
        Add(command, "store", NpgsqlDbType.Text, storeId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader, null) with { Prices = reader.GetInt32(15) } : null;
    }

    private static StoreEntry Read(NpgsqlDataReader r, GeoPoint? near)
    {
        double? lat = r.IsDBNull(9) ? null : r.GetDouble(9), lon = r.IsDBNull(10) ? null : r.GetDouble(10);
        double? distance = near is { } p && lat is { } la && lon is { } lo ? Math.Round(p.DistanceKm(la, lo), 2) : null;
        return new StoreEntry(
            r.GetString(0), Text(r, 1), r.GetString(2), Text(r, 3), Text(r, 4), Text(r, 5), Text(r, 8) ?? Text(r, 6), Text(r, 6),
            r.IsDBNull(7) ? null : r.GetInt32(7), Location.Of(lat, lon, Text(r, 11), Text(r, 14)), distance, r.IsDBNull(12) ? null : r.GetInt32(12), Text(r, 13), null,
            near is null ? null : Location.IsApproximate(Text(r, 11)));
    }

    private static void Add(NpgsqlCommand command, string name, NpgsqlDbType type, object? value) =>
        command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
