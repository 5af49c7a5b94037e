using Gogobe.Storage.Sql;
using Npgsql;
using NpgsqlTypes;

namespace Gogobe.Storage.Products;

/// <summary>
/// Reads a product's current prices (with each store's place) and the promotions on it running at a given time. Prices
/// are found by one primary-key probe per store that has a price list (store_prices has no index by product). A price
/// was last confirmed by the newer of its store's latest full list and the file that last wrote it (ADR 0014); a unit
/// price of 0 is one the chain did not state. The two statements are prepared: a watch grain reads them at every run.
/// </summary>
public sealed class ProductOfferReader(NpgsqlDataSource dataSource)
{
    private const string PricesSql = """
        SELECT sp.chain_id, c.name, sp.store_id, s.name, COALESCE(s.locality_name, s.city), s.address, s.latitude, s.longitude,
               sp.price, NULLIF(sp.unit_price, 0), sp.price_updated_at, s.location_precision, s.location_source,
               GREATEST(sp.file_at, f.file_at)
        FROM price_list_stores w
        JOIN store_prices sp ON sp.chain_id = w.chain_id AND sp.store_id = w.store_id AND sp.product_key = $1
        LEFT JOIN store_feed_state f ON f.chain_id = sp.chain_id AND f.store_id = sp.store_id AND f.kind = 'PriceFull'
        LEFT JOIN stores s ON s.chain_id = sp.chain_id AND s.store_id = sp.store_id
        LEFT JOIN chains c ON c.chain_id = sp.chain_id
        WHERE sp.available
        ORDER BY sp.price, sp.chain_id, sp.store_id
        """;

    // A promotion's line of the products in the WHERE clause that follows, not ended at $2, without a gift's line or a
    // price; its product key last.
    private const string PromotionLines = """
        SELECT pi.chain_id, pi.store_id, p.promotion_id, p.description, p.is_club_only,
               COALESCE(pi.discounted_price, p.discounted_price), COALESCE(pi.min_quantity, p.min_quantity), p.ends_at, p.starts_at, pi.product_key
        FROM promotion_items pi
        JOIN promotions p ON p.chain_id = pi.chain_id AND p.store_id = pi.store_id AND p.promotion_id = pi.promotion_id
        WHERE NOT pi.is_gift AND COALESCE(pi.discounted_price, p.discounted_price) > 0 AND (p.ends_at IS NULL OR p.ends_at >= $2)
        """;

    private const string PromotionsSql = PromotionLines + " AND pi.product_key = $1 AND (p.starts_at IS NULL OR p.starts_at <= $2)";

    private const string PromotionsNotEndedSql = PromotionLines + " AND pi.product_key = ANY($1)";

    public async Task<(List<StoreOfferRow> Offers, List<RunningPromotion> Promotions)> ReadAsync(string productKey, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(PricesSql) { Parameters = { Parameters.Positional(NpgsqlDbType.Text, productKey) } },
                Promotions(productKey, now),
            },
        };

        // Prepared once per pooled connection (the server plans it once, not at every change of a watched product).
        await batch.PrepareAsync(cancellationToken);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var offers = new List<StoreOfferRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            offers.Add(new StoreOfferRow(
                reader.GetString(0), reader.GetStringOrNull(1), reader.GetString(2), reader.GetStringOrNull(3), reader.GetStringOrNull(4),
                reader.GetStringOrNull(5), reader.GetDoubleOrNull(6), reader.GetDoubleOrNull(7), reader.GetDecimal(8), reader.GetDecimalOrNull(9),
                reader.GetInstantOrNull(10), reader.GetStringOrNull(11), reader.GetStringOrNull(12), reader.GetInstant(13)));
        }

        await reader.NextResultAsync(cancellationToken);
        return (offers, await ReadPromotionsAsync(reader, cancellationToken));
    }

    /// <summary>The statement of the promotions on the product running at <paramref name="now"/>, for a batch.</summary>
    internal static NpgsqlBatchCommand Promotions(string productKey, DateTimeOffset now) => new(PromotionsSql)
    {
        Parameters = { Parameters.Positional(NpgsqlDbType.Text, productKey), Parameters.Positional(NpgsqlDbType.TimestampTz, now.ToUniversalTime()) },
    };

    /// <summary>
    /// The statement of the promotions on the given products not ended at <paramref name="now"/> (those that start later
    /// too), for a batch; each row's product key is its column <see cref="ProductKeyColumn"/>.
    /// </summary>
    internal static NpgsqlBatchCommand PromotionsNotEnded(string[] productKeys, DateTimeOffset now) => new(PromotionsNotEndedSql)
    {
        Parameters =
        {
            Parameters.Positional(NpgsqlDbType.Array | NpgsqlDbType.Text, productKeys), Parameters.Positional(NpgsqlDbType.TimestampTz, now.ToUniversalTime()),
        },
    };

    /// <summary>The column of a promotion's row that holds its product key.</summary>
    internal const int ProductKeyColumn = 9;

    /// <summary>Reads what <see cref="Promotions"/> returns, from the reader's current result.</summary>
    internal static async Task<List<RunningPromotion>> ReadPromotionsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var promotions = new List<RunningPromotion>();
        while (await reader.ReadAsync(cancellationToken))
        {
            promotions.Add(Promotion(reader));
        }

        return promotions;
    }

    /// <summary>The promotion of the reader's current row.</summary>
    internal static RunningPromotion Promotion(NpgsqlDataReader reader)
    {
        var minimum = reader.IsDBNull(6) ? 1m : Math.Max(1m, reader.GetDecimal(6));
        return new RunningPromotion(
            reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetStringOrNull(3), reader.GetBoolean(4),
            reader.GetDecimal(5), minimum, reader.GetInstantOrNull(7), reader.GetInstantOrNull(8));
    }
}
