using Gogobe.Storage.Sql;
using Npgsql;

namespace Gogobe.Storage.Prices;

/// <summary>
/// A product's price history, oldest first: in every store, its baseline (the price when the store first listed it, kept
/// in <c>store_prices</c>; that price is the first recorded change's previous price once the item has changed) and then
/// each recorded change (<c>price_changes</c>). Rows written before baselines existed carry their first sighting as a
/// change with no previous price and have no baseline, so each sighting appears once either way.
/// </summary>
public sealed class PriceHistory(NpgsqlDataSource dataSource)
{
    public const int MaxChanges = 5000;

    private const string Sql = """
        WITH changes AS (
            SELECT pc.chain_id, pc.store_id, pc.price, pc.previous_price, pc.changed_at, pc.import_id, pc.id AS position
            FROM price_changes pc
            WHERE pc.product_key = @key
              AND (@chain::text IS NULL OR pc.chain_id = @chain)
              AND (@store::text IS NULL OR pc.store_id = @store)
        ),
        baselines AS (
            SELECT sp.chain_id, sp.store_id,
                   COALESCE((SELECT c.previous_price FROM changes c
                             WHERE c.chain_id = sp.chain_id AND c.store_id = sp.store_id ORDER BY c.position LIMIT 1), sp.price) AS price,
                   NULL::numeric AS previous_price, sp.first_seen_at AS changed_at, i.import_id, 0::bigint AS position
            FROM price_list_stores w
            JOIN store_prices sp ON sp.chain_id = w.chain_id AND sp.store_id = w.store_id AND sp.product_key = @key
            LEFT JOIN imports i ON i.seq = sp.first_import
            WHERE sp.first_seen_at IS NOT NULL
              AND (@chain::text IS NULL OR w.chain_id = @chain)
              AND (@store::text IS NULL OR w.store_id = @store)
        )
        SELECT h.chain_id, h.store_id, s.name, h.price, h.previous_price, h.changed_at, h.import_id
        FROM (SELECT * FROM baselines UNION ALL SELECT * FROM changes) h
        LEFT JOIN stores s ON s.chain_id = h.chain_id AND s.store_id = h.store_id
        WHERE (@from::timestamptz IS NULL OR h.changed_at >= @from)
          AND (@to::timestamptz IS NULL OR h.changed_at <= @to)
        ORDER BY h.changed_at, h.position
        LIMIT @limit
        """;

    /// <summary>At most <see cref="MaxChanges"/> entries, optionally of one chain or store and between two instants.</summary>
    public async Task<List<PriceChangeEntry>> ReadAsync(
        string productKey, string? chainId, string? storeId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(Parameters.Text("key", productKey));
        command.Parameters.Add(Parameters.Text("chain", chainId));
        command.Parameters.Add(Parameters.Text("store", storeId));
        command.Parameters.Add(Parameters.Instant("from", from));
        command.Parameters.Add(Parameters.Instant("to", to));
        command.Parameters.Add(Parameters.Integer("limit", MaxChanges));
        var changes = new List<PriceChangeEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            changes.Add(new PriceChangeEntry(
                reader.GetString(0), reader.GetString(1), reader.GetStringOrNull(2), reader.GetDecimalOrNull(3), reader.GetDecimalOrNull(4),
                reader.GetInstant(5), reader.GetStringOrNull(6)));
        }

        return changes;
    }
}
