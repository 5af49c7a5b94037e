using Gogobe.Gateway.Apis;
using Npgsql;
using NpgsqlTypes;

namespace Gogobe.Gateway.Queries;

/// <summary>The recorded price changes of a product (table <c>price_changes</c>), oldest first.</summary>
public sealed class PriceHistory(NpgsqlDataSource dataSource)
{
    public const int MaxChanges = 5000;

    private const string Sql = """
        SELECT pc.chain_id, pc.store_id, s.name, pc.price, pc.previous_price, pc.changed_at, pc.import_id
        FROM price_changes pc
        LEFT JOIN stores s ON s.chain_id = pc.chain_id AND s.store_id = pc.store_id
        WHERE pc.product_key = @key
          AND (@chain::text IS NULL OR pc.chain_id = @chain)
          AND (@store::text IS NULL OR pc.store_id = @store)
          AND (@from::timestamptz IS NULL OR pc.changed_at >= @from)
          AND (@to::timestamptz IS NULL OR pc.changed_at <= @to)
        ORDER BY pc.changed_at, pc.id
        LIMIT @limit
        """;

    public async Task<List<PriceChangeEntry>> ReadAsync(
        string productKey, string? chainId, string? storeId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter("key", NpgsqlDbType.Text) { Value = productKey });
        command.Parameters.Add(new NpgsqlParameter("chain", NpgsqlDbType.Text) { Value = (object?)chainId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("store", NpgsqlDbType.Text) { Value = (object?)storeId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.TimestampTz) { Value = (object?)from?.ToUniversalTime() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.TimestampTz) { Value = (object?)to?.ToUniversalTime() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = MaxChanges });
        var changes = new List<PriceChangeEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            changes.Add(new PriceChangeEntry(
                reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetDecimal(3), reader.IsDBNull(4) ? null : reader.GetDecimal(4),
                reader.GetFieldValue<DateTimeOffset>(5), reader.GetString(6)));
        }

        return changes;
    }
}
