namespace Gogobe.Storage.Prices;

/// <summary>
/// The statements of a price apply. The set-based ones read the staged rows of <c>price_stage</c>; parameters are
/// @chain, @store, @import, @first_import, @file_at and @removed. A row written by a newer file (its file_at) is never
/// overwritten. A new item gets its baseline (first_seen_at, first_import) in store_prices and no history row: history
/// rows record what happens to a known item.
/// </summary>
internal static class PriceListSql
{
    public const string CreateStage = """
        CREATE TEMP TABLE price_stage (
            product_key text NOT NULL, price numeric(12,2) NOT NULL, unit_price numeric(14,4), price_updated_at timestamptz
        ) ON COMMIT DROP
        """;

    public const string CopyStage = "COPY price_stage (product_key, price, unit_price, price_updated_at) FROM STDIN (FORMAT BINARY)";

    /// <summary>A store's first list goes straight into the table: nothing is there to compare with or to conflict.</summary>
    public const string CopyPrices = """
        COPY store_prices (chain_id, store_id, product_key, price, unit_price, available, price_updated_at, file_at, first_seen_at, first_import)
        FROM STDIN (FORMAT BINARY)
        """;

    /// <summary>Whether the store has prices yet, and the import's sequence number (null when the import is not logged).</summary>
    public const string Prepare = """
        SELECT EXISTS (SELECT 1 FROM store_prices WHERE chain_id = @chain AND store_id = @store),
               (SELECT seq FROM imports WHERE import_id = @import)
        """;

    public const string RecordChanges = """
        INSERT INTO price_changes (chain_id, store_id, product_key, price, previous_price, changed_at, import_id)
        SELECT @chain, @store, s.product_key, s.price, CASE WHEN c.available THEN c.price END,
               COALESCE(s.price_updated_at, @file_at), @import
        FROM price_stage s
        JOIN store_prices c ON c.chain_id = @chain AND c.store_id = @store AND c.product_key = s.product_key
        WHERE c.file_at <= @file_at AND (NOT c.available OR c.price <> s.price)
        """;

    public const string UpsertPrices = """
        INSERT INTO store_prices AS c (chain_id, store_id, product_key, price, unit_price, available, price_updated_at, file_at, first_seen_at, first_import)
        SELECT @chain, @store, s.product_key, s.price, s.unit_price, true, s.price_updated_at, @file_at,
               COALESCE(s.price_updated_at, @file_at), @first_import
        FROM price_stage s
        LEFT JOIN store_prices cur ON cur.chain_id = @chain AND cur.store_id = @store AND cur.product_key = s.product_key
        WHERE cur.product_key IS NULL
           OR (cur.file_at <= @file_at
               AND (cur.price, cur.unit_price, cur.available, cur.price_updated_at)
                   IS DISTINCT FROM (s.price, s.unit_price, true, s.price_updated_at))
        ON CONFLICT (chain_id, store_id, product_key) DO UPDATE SET
            price = excluded.price, unit_price = excluded.unit_price, available = true,
            price_updated_at = excluded.price_updated_at, file_at = excluded.file_at
        WHERE c.file_at <= excluded.file_at
          AND (c.price, c.unit_price, c.available, c.price_updated_at)
              IS DISTINCT FROM (excluded.price, excluded.unit_price, true, excluded.price_updated_at)
        """;

    public const string MarkRemoved = """
        WITH gone AS (
            UPDATE store_prices c SET available = false, file_at = @file_at
            WHERE c.chain_id = @chain AND c.store_id = @store AND c.product_key = ANY(@removed)
              AND c.available AND c.file_at <= @file_at
            RETURNING c.product_key, c.price)
        INSERT INTO price_changes (chain_id, store_id, product_key, price, previous_price, changed_at, import_id)
        SELECT @chain, @store, g.product_key, NULL, g.price, @file_at, @import
        FROM gone g
        """;

    public const string Load = """
        SELECT product_key, price, unit_price, available, price_updated_at, file_at
        FROM store_prices WHERE chain_id = @chain AND store_id = @store
        """;
}
