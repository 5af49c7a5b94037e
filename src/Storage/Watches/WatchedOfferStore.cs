using Gogobe.Storage.Products;
using Gogobe.Storage.Sql;
using Npgsql;
using NpgsqlTypes;

namespace Gogobe.Storage.Watches;

/// <summary>A watched product's shelf price in one store, with the store's place (null when not placed).</summary>
public sealed record WatchedOffer(string ChainId, string StoreId, decimal Price, double? Latitude, double? Longitude);

/// <summary>
/// Offers read for a watch grain, the promotions on the product not ended at the read (null when not read), and what a
/// grain that activates reads (null when not read).
/// </summary>
public sealed record OfferRead(List<WatchedOffer> Offers, List<RunningPromotion>? Promotions, KeptRead? Kept = null);

/// <summary>
/// What a grain that activates reads besides its run's stores: the product's watches, its kept offers, and when they
/// were last read in full (null when they never were, or not since a new watch of the product was made: then nothing
/// kept is to be trusted, and the grain reads in full).
/// </summary>
public sealed record KeptRead(List<WatchRow> Watches, List<WatchedOffer> Offers, DateTimeOffset? ReadAt);

/// <summary>
/// What one run of a watch grain reads: its product's price in the given stores; with <paramref name="Promotions"/> the
/// promotions on it; with <paramref name="Kept"/> (the first run of an activation) what <see cref="KeptRead"/> holds.
/// </summary>
public sealed record RunRead(string ProductKey, IReadOnlyCollection<(string ChainId, string StoreId)> Stores, bool Promotions, bool Kept = false);

/// <summary>
/// The offers of watched products as their watch grains last read them (<c>watched_offers</c>, migration 0020). A grain
/// reads its product in full from <c>store_prices</c> once (one primary-key probe per store with a price list), keeps
/// the prices here, and from then on reads and keeps only the stores its changes name; a grain that activates again
/// starts from what is kept, one range of this table's key. A read can carry the promotions on the product not ended
/// yet (a grain keeps them, and reads them again only when they change). A new watch of the product makes the next read
/// a full one again (a trigger on <c>watches</c>), and a product without watches keeps nothing. Stores' places are
/// joined at every read, so a store that moved is seen at once. All statements are prepared: watch grains run them at
/// every run of changes.
/// </summary>
public sealed class WatchedOfferStore(NpgsqlDataSource dataSource)
{
    private const string Place = "LEFT JOIN stores s ON s.chain_id = f.chain_id AND s.store_id = f.store_id";

    // Keeps what was read ("fresh": product, store, price) for the products' stores in "looked" (a store looked at without
    // a fresh row no longer sells the product), and returns it placed, the product key last.
    private const string KeepAndReturn = $"""
        dropped AS (
            DELETE FROM watched_offers o USING looked l
            WHERE o.product_key = l.product_key AND o.chain_id = l.chain_id AND o.store_id = l.store_id
              AND NOT EXISTS (SELECT FROM fresh f WHERE f.product_key = o.product_key AND f.chain_id = o.chain_id AND f.store_id = o.store_id)),
        kept AS (
            INSERT INTO watched_offers AS o (product_key, chain_id, store_id, price)
            SELECT f.product_key, f.chain_id, f.store_id, f.price FROM fresh f WHERE EXISTS (SELECT FROM watches w WHERE w.product_key = f.product_key)
            ON CONFLICT (product_key, chain_id, store_id) DO UPDATE SET price = excluded.price WHERE o.price <> excluded.price)
        SELECT f.chain_id, f.store_id, f.price, s.latitude, s.longitude, f.product_key FROM fresh f {Place}
        """;

    // The prices of the products ("looked") in their stores, those that sell them.
    private const string Fresh = """
        fresh AS (
            SELECT l.product_key, sp.chain_id, sp.store_id, sp.price FROM looked l
            JOIN store_prices sp ON sp.chain_id = l.chain_id AND sp.store_id = l.store_id AND sp.product_key = l.product_key
            WHERE sp.available),
        """;

    /// <summary>Every store with a price list: the product's prices read in full, kept, and the read time marked.</summary>
    private const string ReadAllSql = $"""
        WITH looked AS (SELECT $1::text AS product_key, chain_id, store_id FROM price_list_stores),
        {Fresh}
        marked AS (
            INSERT INTO watched_offer_reads (product_key, read_at) SELECT $1, now() WHERE EXISTS (SELECT FROM watches w WHERE w.product_key = $1)
            ON CONFLICT (product_key) DO UPDATE SET read_at = excluded.read_at),
        {KeepAndReturn}
        """;

    /// <summary>
    /// The products' stores given by $1 (products), $2 (chains) and $3 (stores), those with a price list: one probe each
    /// (of the watermarks' key, not the <c>price_list_stores</c> view, which would gather every store's watermarks).
    /// </summary>
    private const string ReadStoresSql = $"""
        WITH looked AS (
            SELECT DISTINCT a.product_key, a.chain_id, a.store_id FROM unnest($1::text[], $2::text[], $3::text[]) AS a(product_key, chain_id, store_id)
            WHERE EXISTS (
                SELECT FROM store_feed_state p WHERE p.chain_id = a.chain_id AND p.store_id = a.store_id AND p.kind IN ('PriceFull', 'Price'))),
        {Fresh}
        {KeepAndReturn}
        """;

    private const string ReadAtSql = "SELECT product_key, read_at FROM watched_offer_reads WHERE product_key = ANY($1)";

    private const string KeptSql = $"SELECT f.chain_id, f.store_id, f.price, s.latitude, s.longitude, f.product_key FROM watched_offers f {Place} WHERE f.product_key = ANY($1)";

    /// <summary>Reads the product's price in every store with a price list, keeps them, and reads the promotions on it not ended at <paramref name="now"/>.</summary>
    public async Task<OfferRead> ReadAllAsync(string productKey, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { Statement(ReadAllSql, productKey) } };
        RunRead[] runs = [new RunRead(productKey, [], Promotions: true)];
        await using var reader = await ExecuteAsync(batch, runs, now, cancellationToken);
        var all = new List<WatchedOffer>();
        while (await reader.ReadAsync(cancellationToken))
        {
            all.Add(Offer(reader));
        }

        await reader.NextResultAsync(cancellationToken);
        return (await ReadAsync(reader, runs, cancellationToken))[0] with { Offers = all };
    }

    /// <summary>
    /// The runs of many watch grains in one round trip: each product's price in its run's stores (a store that no longer
    /// sells it, or has no price list, has no row), kept; for the runs that ask, the promotions on their product not
    /// ended at <paramref name="now"/> in every store (else <see cref="OfferRead.Promotions"/> is null), and what a grain
    /// that activates reads (<see cref="KeptRead"/>: read before the run's stores are kept again). One result per run,
    /// in order.
    /// </summary>
    public async Task<List<OfferRead>> ReadRunsAsync(IReadOnlyList<RunRead> runs, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.All(r => r.Stores.Count == 0 && !r.Promotions && !r.Kept))
        {
            return runs.Select(_ => new OfferRead([], null)).ToList();
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        await using var reader = await ExecuteAsync(batch, runs, now, cancellationToken);
        return await ReadAsync(reader, runs, cancellationToken);
    }

    /// <summary>
    /// Adds the statements of what activating runs read (when there are any), of the runs' stores (when there are any)
    /// and of their promotions (when asked) to <paramref name="batch"/>, and runs it prepared.
    /// </summary>
    private static async Task<NpgsqlDataReader> ExecuteAsync(NpgsqlBatch batch, IReadOnlyList<RunRead> runs, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var activating = runs.Where(r => r.Kept).Select(r => r.ProductKey).Distinct(StringComparer.Ordinal).ToArray();
        if (activating.Length > 0)
        {
            foreach (var sql in new[] { WatchSql.OfProducts, ReadAtSql, KeptSql })
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(sql) { Parameters = { Parameters.Positional(NpgsqlDbType.Array | NpgsqlDbType.Text, activating) } });
            }
        }

        var asked = runs.SelectMany(r => r.Stores.Select(s => (r.ProductKey, s.ChainId, s.StoreId))).ToList();
        if (asked.Count > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(ReadStoresSql)
            {
                Parameters =
                {
                    Parameters.Positional(NpgsqlDbType.Array | NpgsqlDbType.Text, asked.ConvertAll(a => a.ProductKey).ToArray()),
                    Parameters.Positional(NpgsqlDbType.Array | NpgsqlDbType.Text, asked.ConvertAll(a => a.ChainId).ToArray()),
                    Parameters.Positional(NpgsqlDbType.Array | NpgsqlDbType.Text, asked.ConvertAll(a => a.StoreId).ToArray()),
                },
            });
        }

        var promoted = runs.Where(r => r.Promotions).Select(r => r.ProductKey).Distinct(StringComparer.Ordinal).ToArray();
        if (promoted.Length > 0)
        {
            batch.BatchCommands.Add(ProductOfferReader.PromotionsNotEnded(promoted, now));
        }

        await batch.PrepareAsync(cancellationToken);
        return await batch.ExecuteReaderAsync(cancellationToken);
    }

    /// <summary>Reads what <see cref="ExecuteAsync"/> asked for from the reader's current result, and hands each run its product's rows.</summary>
    private static async Task<List<OfferRead>> ReadAsync(NpgsqlDataReader reader, IReadOnlyList<RunRead> runs, CancellationToken cancellationToken)
    {
        var watches = new Dictionary<string, List<WatchRow>>(StringComparer.Ordinal);
        var readAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var kept = new Dictionary<string, List<WatchedOffer>>(StringComparer.Ordinal);
        if (runs.Any(r => r.Kept))
        {
            foreach (var watch in await WatchColumns.ReadAsync(reader, cancellationToken))
            {
                Add(watches, watch.Definition.ProductKey, watch);
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                readAt[reader.GetString(0)] = reader.GetInstant(1);
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                Add(kept, reader.GetString(5), Offer(reader));
            }

            await reader.NextResultAsync(cancellationToken);
        }

        var offers = new Dictionary<string, List<WatchedOffer>>(StringComparer.Ordinal);
        if (runs.Any(r => r.Stores.Count > 0))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                Add(offers, reader.GetString(5), Offer(reader));
            }

            await reader.NextResultAsync(cancellationToken);
        }

        var promotions = new Dictionary<string, List<RunningPromotion>>(StringComparer.Ordinal);
        if (runs.Any(r => r.Promotions))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                Add(promotions, reader.GetString(ProductOfferReader.ProductKeyColumn), ProductOfferReader.Promotion(reader));
            }
        }

        return runs.Select(run => new OfferRead(
            offers.TryGetValue(run.ProductKey, out var found) ? found.FindAll(o => run.Stores.Contains((o.ChainId, o.StoreId))) : [],
            run.Promotions ? [.. promotions.GetValueOrDefault(run.ProductKey) ?? []] : null,
            run.Kept
                ? new KeptRead(
                    [.. watches.GetValueOrDefault(run.ProductKey) ?? []], [.. kept.GetValueOrDefault(run.ProductKey) ?? []],
                    readAt.TryGetValue(run.ProductKey, out var at) ? at : null)
                : null)).ToList();
    }

    private static void Add<T>(Dictionary<string, List<T>> byProduct, string productKey, T item)
    {
        if (!byProduct.TryGetValue(productKey, out var items))
        {
            byProduct[productKey] = items = [];
        }

        items.Add(item);
    }

    private static NpgsqlBatchCommand Statement(string sql, string productKey) =>
        new(sql) { Parameters = { Parameters.Positional(NpgsqlDbType.Text, productKey) } };

    private static WatchedOffer Offer(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetDecimal(2), reader.GetDoubleOrNull(3), reader.GetDoubleOrNull(4));
}
