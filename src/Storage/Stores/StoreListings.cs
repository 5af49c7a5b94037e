using Gogobe.Storage.Sql;
using Npgsql;

namespace Gogobe.Storage.Stores;

/// <summary>Chains and stores as the query side lists them; a distance filter is a latitude/longitude box here.</summary>
public sealed class StoreListings(NpgsqlDataSource dataSource)
{
    public const int MaxStores = 5000;

    private const string Columns = """
        s.chain_id, c.name, s.store_id, s.name, s.sub_chain_name, s.address, s.city, s.locality_code, s.locality_name,
        s.latitude, s.longitude, s.location_precision, s.store_type, s.zip_code, s.location_source,
        (SELECT max(f.file_at) FROM store_feed_state f WHERE f.chain_id = s.chain_id AND f.store_id = s.store_id AND f.kind IN ('PriceFull', 'Price'))
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

    private const string ProductKeysSql = "SELECT product_key FROM store_prices WHERE chain_id = @chain AND store_id = @store";

    /// <summary>Every chain with its number of stores and of stores with a location.</summary>
    public async Task<List<ChainEntry>> ChainsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ChainsSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var chains = new List<ChainEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            chains.Add(new ChainEntry(reader.GetString(0), reader.GetStringOrNull(1), reader.GetInt32(2), reader.GetInt32(3)));
        }

        return chains;
    }

    /// <summary>
    /// At most <see cref="MaxStores"/> stores ordered by chain and store id, optionally of one chain, of one city (its name as
    /// published or its locality code) and inside a box.
    /// </summary>
    public async Task<List<StoreListing>> ListAsync(string? chainId, string? city, int? localityCode, GeoBox? box, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ListSql);
        command.Parameters.Add(Parameters.Text("chain", chainId));
        command.Parameters.Add(Parameters.Text("city", city));
        command.Parameters.Add(Parameters.Integer("code", localityCode));
        command.Parameters.Add(Parameters.Double("min_lat", box?.MinLat));
        command.Parameters.Add(Parameters.Double("max_lat", box?.MaxLat));
        command.Parameters.Add(Parameters.Double("min_lon", box?.MinLon));
        command.Parameters.Add(Parameters.Double("max_lon", box?.MaxLon));
        command.Parameters.Add(Parameters.Integer("limit", MaxStores));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var stores = new List<StoreListing>();
        while (await reader.ReadAsync(cancellationToken))
        {
            stores.Add(Read(reader, null));
        }

        return stores;
    }

    /// <summary>One store with the number of items it sells now, or null.</summary>
    public async Task<StoreListing?> GetAsync(string chainId, string storeId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(OneSql);
        command.Parameters.Add(Parameters.Text("chain", chainId));
        command.Parameters.Add(Parameters.Text("store", storeId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader, reader.GetInt32(16)) : null;
    }

    /// <summary>The keys of every product the store has a price for.</summary>
    public async Task<IReadOnlyList<string>> ProductKeysAsync(string chainId, string storeId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ProductKeysSql);
        command.Parameters.Add(Parameters.Text("chain", chainId));
        command.Parameters.Add(Parameters.Text("store", storeId));
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    private static StoreListing Read(NpgsqlDataReader r, int? prices) => new(
        r.GetString(0), r.GetStringOrNull(1), r.GetString(2), r.GetStringOrNull(3), r.GetStringOrNull(4), r.GetStringOrNull(5),
        r.GetStringOrNull(6), r.GetInt32OrNull(7), r.GetStringOrNull(8), r.GetDoubleOrNull(9), r.GetDoubleOrNull(10), r.GetStringOrNull(11),
        r.GetInt32OrNull(12), r.GetStringOrNull(13), r.GetStringOrNull(14), prices,
        r.IsDBNull(15) ? null : r.GetFieldValue<DateTimeOffset>(15));
}
