using Gogobe.Contracts.Products;
using Npgsql;
using NpgsqlTypes;

namespace Gogobe.Grains.Products;

/// <summary>
/// Reads a product's current prices (with each store's place) and the promotions on it running at a given time. Prices
/// are found by one primary-key probe per store that has a price list (store_prices has no index by product).
/// </summary>
public sealed class ProductOfferReader(NpgsqlDataSource dataSource)
{
    private const string PricesSql = """
        SELECT sp.chain_id, c.name, sp.store_id, s.name, COALESCE(s.locality_name, s.city), s.address, s.latitude, s.longitude,
               sp.price, sp.unit_price, sp.price_updated_at, s.location_precision, s.location_source
        FROM price_list_stores w
        JOIN store_prices sp ON sp.chain_id = w.chain_id AND sp.store_id = w.store_id AND sp.product_key = @key
        LEFT JOIN stores s ON s.chain_id = sp.chain_id AND s.store_id = sp.store_id
        LEFT JOIN chains c ON c.chain_id = sp.chain_id
        WHERE sp.available
        ORDER BY sp.price, sp.chain_id, sp.store_id
        """;

    private const string PromotionsSql = """
        SELECT pi.chain_id, pi.store_id, p.promotion_id, p.description, p.is_club_only,
               COALESCE(pi.discounted_price, p.discounted_price), COALESCE(pi.min_quantity, p.min_quantity), p.ends_at
        FROM promotion_items pi
        JOIN promotions p ON p.chain_id = pi.chain_id AND p.store_id = pi.store_id AND p.promotion_id = pi.promotion_id
        WHERE pi.product_key = @key AND NOT pi.is_gift
          AND COALESCE(pi.discounted_price, p.discounted_price) > 0
          AND (p.starts_at IS NULL OR p.starts_at <= @now) AND (p.ends_at IS NULL OR p.ends_at >= @now)
        """;

    public async Task<(List<StoreOffer> Offers, List<StorePromotion> Promotions)> ReadAsync(string productKey, DateTimeOffset now)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(PricesSql) { Parameters = { Key(productKey) } },
                new NpgsqlBatchCommand(PromotionsSql)
                {
                    Parameters = { Key(productKey), new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = now.ToUniversalTime() } },
                },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync();
        var offers = new List<StoreOffer>();
        while (await reader.ReadAsync())
        {
            offers.Add(new StoreOffer(
                reader.GetString(0), Text(reader, 1), reader.GetString(2), Text(reader, 3), Text(reader, 4), Text(reader, 5),
                reader.IsDBNull(6) ? null : reader.GetDouble(6), reader.IsDBNull(7) ? null : reader.GetDouble(7),
                reader.GetDecimal(8), reader.IsDBNull(9) ? null : reader.GetDecimal(9),
                reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10), null, null, Text(reader, 11), Text(reader, 12)));
        }

        await reader.NextResultAsync();
        var promotions = new List<StorePromotion>();
        while (await reader.ReadAsync())
        {
            var minimum = reader.IsDBNull(6) ? 1m : Math.Max(1m, reader.GetDecimal(6));
            promotions.Add(new StorePromotion(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), Text(reader, 3), reader.GetBoolean(4),
                reader.GetDecimal(5), minimum, reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return (offers, promotions);
    }

    private static NpgsqlParameter Key(string productKey) => new("key", NpgsqlDbType.Text) { Value = productKey };

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}

/// <summary>A promotion running in one store on the product, as read.</summary>
public sealed record StorePromotion(
    string ChainId, string StoreId, string PromotionId, string? Description, bool IsClubOnly, decimal DiscountedPrice, decimal MinQuantity, DateTimeOffset? EndsAt)
{
    public decimal PricePerItem => Math.Round(DiscountedPrice / MinQuantity, 2, MidpointRounding.AwayFromZero);
}
