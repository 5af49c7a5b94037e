using Gogobe.Storage.Products;
using Gogobe.Storage.Sql;
using Npgsql;
using NpgsqlTypes;

namespace Gogobe.Storage.Watches;

/// <summary>A watched product's shelf price in one store, with the store's place (null when not placed).</summary>
public sealed record WatchedOffer(string ChainId, string StoreId, decimal Price, double? Latitude, double? Longitude);

/// <summary>
/// The offers of watched products as their watch grains last read them (<c>watched_offers</c>, migration 0020). A grain
/// reads its product in full from <c>store_prices</c> once (one primary-key probe per store with a price list), keeps
/// the prices here, and from then on reads and keeps only the stores its changes name; a grain that activates again
/// starts from what is kept, one range of this table's key. Each read also returns the promotions on the product running
/// at the given time. A new watch of the product makes the next read a full one again (a trigger on <c>watches</c>), and
/// a product without watches keeps nothing. Stores' places are joined at every read, so a store that moved is seen
/// at once. All statements are prepared: watch grains run them at every run of changes.
/// </summary>
public sealed class WatchedOfferStore(NpgsqlDataSource dataSource)
{
    private const string Place = "LEFT JOIN stores s ON s.chain_id = f.chain_id AND s.store_id = f.store_id";

    // Keeps what was read ("fresh") for the stores in "looked" (a store looked at without a fresh row no longer sells it), and returns it placed.
    private const string KeepAndReturn = $"""
        dropped AS (
            DELETE FROM watched_offers o USING looked l
            WHERE o.product_key = $1 AND o.chain_id = l.chain_id AND o.store_id = l.store_id
              AND NOT EXISTS (SELECT FROM fresh f WHERE f.chain_id = o.chain_id AND f.store_id = o.store_id)),
        kept AS (
            INSERT INTO watched_offers AS o (product_key, chain_id, store_id, price) SELECT $1, chain_id, store_id, price FROM fresh
            WHERE EXISTS (SELECT FROM watches w WHERE w.product_key = $1)
            ON CONFLICT (product_key, chain_id, store_id) DO UPDATE SET price = excluded.price WHERE o.price <> excluded.price)
        SELECT f.chain_id, f.store_id, f.price, s.latitude, s.longitude FROM fresh f {Place}
        """;

    /// <summary>Every store with a price list: the product's prices read in full, kept, and the read time marked.</summary>
    private const string ReadAllSql = $"""
        WITH looked AS (SELECT chain_id, store_id FROM price_list_stores),
        fresh AS (
            SELECT sp.chain_id, sp.store_id, sp.price FROM looked l
            JOIN store_prices sp ON sp.chain_id = l.chain_id AND sp.store_id = l.store_id AND sp.product_key = $1
            WHERE sp.available),
        marked AS (
            INSERT INTO watched_offer_reads (product_key, read_at) SELECT $1, now() WHERE EXISTS (SELECT FROM watches w WHERE w.product_key = $1)
            ON CONFLICT (product_key) DO UPDATE SET read_at = excluded.read_at),
        {KeepAndReturn}
        """;

    /// <summary>
    /// The stores named by $2 (chains) and $3 (stores) only, those with a price list: one probe each (of the watermarks'
    /// key, not the <c>price_list_stores</c> view, which would gather every store's watermarks at each read).
    /// </summary>
    private const string ReadStoresSql = $"""
        WITH looked AS (
            SELECT w.chain_id, w.store_id FROM unnest($2::text[], $3::text[]) AS w(chain_id, store_id)
            WHERE EXISTS (
                SELECT FROM store_feed_state p WHERE p.chain_id = w.chain_id AND p.store_id = w.store_id AND p.kind IN ('PriceFull', 'Price'))),
        fresh AS (
            SELECT sp.chain_id, sp.store_id, sp.price FROM looked l
            JOIN store_prices sp ON sp.chain_id = l.chain_id AND sp.store_id = l.store_id AND sp.product_key = $1
            WHERE sp.available),
        {KeepAndReturn}
        """;

    private const string ReadAtSql = "SELECT read_at FROM watched_offer_reads WHERE product_key = $1";

    private const string KeptSql = $"SELECT f.chain_id, f.store_id, f.price, s.latitude, s.longitude FROM watched_offers f {Place} WHERE f.product_key = $1";

    /// <summary>
    /// The product's kept offers and when they were last read in full; null when they were never read in full, or not since
    /// a new watch of the product was made.
    /// </summary>
    public async Task<(List<WatchedOffer> Offers, DateTimeOffset ReadAt)?> KeptAsync(string productKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands = { Statement(ReadAtSql, productKey), Statement(KeptSql, productKey) },
        };
        await batch.PrepareAsync(cancellationToken);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var readAt = reader.GetInstant(0);
        await reader.NextResultAsync(cancellationToken);
        return (await OffersAsync(reader, cancellationToken), readAt);
    }

    /// <summary>Reads the product's price in every store with a price list, keeps them, and reads the promotions running at <paramref name="now"/>.</summary>
    public Task<(List<WatchedOffer> Offers, List<RunningPromotion> Promotions)> ReadAllAsync(string productKey, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        ReadAsync(Statement(ReadAllSql, productKey), productKey, now, cancellationToken);

    /// <summary>
    /// Reads the product's price in the given stores (a store that no longer sells it, or has no price list, has no row),
    /// keeps them, and reads the promotions running at <paramref name="now"/> in every store.
    /// </summary>
    public Task<(List<WatchedOffer> Offers, List<RunningPromotion> Promotions)> ReadStoresAsync(
        string productKey, IReadOnlyCollection<(string ChainId, string StoreId)> stores, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stores);
        var statement = Statement(ReadStoresSql, productKey);
        statement.Parameters.Add(Parameters.Positional(NpgsqlDbType.Array | NpgsqlDbType.Text, stores.Select(s => s.ChainId).ToArray()));
        statement.Parameters.Add(Parameters.Positional(NpgsqlDbType.Array | NpgsqlDbType.Text, stores.Select(s => s.StoreId).ToArray()));
        return ReadAsync(statement, productKey, now, cancellationToken);
    }

    private async Task<(List<WatchedOffer> Offers, List<RunningPromotion> Promotions)> ReadAsync(
        NpgsqlBatchCommand prices, string productKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { prices, ProductOfferReader.Promotions(productKey, now) } };
        await batch.PrepareAsync(cancellationToken);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var offers = await OffersAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        return (offers, await ProductOfferReader.ReadPromotionsAsync(reader, cancellationToken));
    }

    private static NpgsqlBatchCommand Statement(string sql, string productKey) =>
        new(sql) { Parameters = { Parameters.Positional(NpgsqlDbType.Text, productKey) } };

    private static async Task<List<WatchedOffer>> OffersAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var offers = new List<WatchedOffer>();
        while (await reader.ReadAsync(cancellationToken))
        {
            offers.Add(new WatchedOffer(reader.GetString(0), reader.GetString(1), reader.GetDecimal(2), reader.GetDoubleOrNull(3), reader.GetDoubleOrNull(4)));
        }

        return offers;
    }
}
