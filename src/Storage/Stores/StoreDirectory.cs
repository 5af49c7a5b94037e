using System.Text;
using Gogobe.Storage.Sql;
using Npgsql;

namespace Gogobe.Storage.Stores;

/// <summary>The stores of every chain (<c>stores</c>) and the chains' names (<c>chains</c>).</summary>
public sealed class StoreDirectory(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Records the store's facts as of a Stores file. Nothing is written when a newer file already gave them or when the
    /// same file is applied again; an unchanged store seen in a newer file only has its file moved forward.
    /// The chain is recorded too, with its name when the row has one.
    /// </summary>
    public async Task<StoreUpsertOutcome> UpsertAsync(StoreRow store, DateTimeOffset fileAt, string importId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                ChainCommand(store.ChainId, store.ChainName),
                new NpgsqlBatchCommand(StoreSql.Upsert)
                {
                    Parameters =
                    {
                        Parameters.Text("chain", store.ChainId), Parameters.Text("store", store.StoreId),
                        Parameters.Text("sub_chain_id", store.SubChainId), Parameters.Text("sub_chain_name", store.SubChainName),
                        Parameters.Text("name", store.Name), Parameters.Text("address", store.Address),
                        Parameters.Text("city", store.City), Parameters.Text("zip_code", store.ZipCode),
                        Parameters.Integer("store_type", store.StoreType), Parameters.Double("latitude", store.Latitude),
                        Parameters.Double("longitude", store.Longitude), Parameters.Instant("file_at", fileAt),
                        Parameters.Text("import", importId),
                    },
                },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var written = reader.GetBoolean(10);
        if (reader.IsDBNull(9))
        {
            return StoreUpsertOutcome.Created;
        }

        if (reader.GetInstant(9) > fileAt)
        {
            return StoreUpsertOutcome.Stale;
        }

        var previous = ReadFacts(reader, 0, store.ChainId, store.StoreId, store.ChainName);
        if (!written)
        {
            return StoreUpsertOutcome.Unchanged;
        }

        if (previous.Address != store.Address || previous.City != store.City)
        {
            return StoreUpsertOutcome.Moved;
        }

        return previous == store ? StoreUpsertOutcome.Unchanged : StoreUpsertOutcome.Updated;
    }

    /// <summary>Records a chain; its name is replaced only by a non-empty one.</summary>
    public async Task UpsertChainAsync(string chainId, string? name, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { ChainCommand(chainId, name) } };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<StoredStore?> GetAsync(string chainId, string storeId, CancellationToken cancellationToken = default)
    {
        var found = await QueryAsync(
            $"{StoreSql.Select} WHERE s.chain_id = @chain AND s.store_id = @store",
            [Parameters.Text("chain", chainId), Parameters.Text("store", storeId)],
            cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>Stores ordered by chain and store id, optionally of one chain and/or one city.</summary>
    public Task<IReadOnlyList<StoredStore>> ListAsync(string? chainId = null, string? city = null, CancellationToken cancellationToken = default)
    {
        var sql = new StringBuilder(StoreSql.Select).Append(" WHERE true");
        var parameters = new List<NpgsqlParameter>();
        if (chainId is not null)
        {
            sql.Append(" AND s.chain_id = @chain");
            parameters.Add(Parameters.Text("chain", chainId));
        }

        if (city is not null)
        {
            sql.Append(" AND s.city = @city");
            parameters.Add(Parameters.Text("city", city));
        }

        sql.Append(" ORDER BY s.chain_id, s.store_id");
        return QueryAsync(sql.ToString(), parameters, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredChain>> ListChainsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT chain_id, name FROM chains ORDER BY chain_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var chains = new List<StoredChain>();
        while (await reader.ReadAsync(cancellationToken))
        {
            chains.Add(new StoredChain(reader.GetString(0), reader.GetStringOrNull(1)));
        }

        return chains;
    }

    private async Task<IReadOnlyList<StoredStore>> QueryAsync(string sql, IEnumerable<NpgsqlParameter> parameters, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var stores = new List<StoredStore>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = ReadFacts(reader, 3, reader.GetString(0), reader.GetString(1), reader.GetStringOrNull(2));
            stores.Add(new StoredStore(row, reader.GetInstant(12), reader.GetStringOrNull(13), reader.GetInstant(14)));
        }

        return stores;
    }

    private static StoreRow ReadFacts(NpgsqlDataReader reader, int first, string chainId, string storeId, string? chainName) =>
        new(chainId, storeId, chainName,
            SubChainId: reader.GetStringOrNull(first),
            SubChainName: reader.GetStringOrNull(first + 1),
            Name: reader.GetStringOrNull(first + 2),
            Address: reader.GetStringOrNull(first + 3),
            City: reader.GetStringOrNull(first + 4),
            ZipCode: reader.GetStringOrNull(first + 5),
            StoreType: reader.GetInt32OrNull(first + 6),
            Latitude: reader.GetDoubleOrNull(first + 7),
            Longitude: reader.GetDoubleOrNull(first + 8));

    private static NpgsqlBatchCommand ChainCommand(string chainId, string? name) =>
        new(StoreSql.UpsertChain) { Parameters = { Parameters.Text("chain", chainId), Parameters.Text("name", name) } };
}
