namespace Gogobe.Storage.Prices;

/// <summary>
/// The set-based statements of a price apply. They read the staged rows of <c>price_stage</c>; parameters are
/// @chain, @store, @import, @file_at and @removed. A row written by a newer file (its file_at) is never overwritten.
/// </summary>
internal static class PriceListSql
{
    public const string CreateStage = """
        CREATE TEMP TABLE price_stage (
            product_key text NOT NULL, item_code text NOT NULL, is_internal boolean NOT NULL,
            price numeric(12,2) NOT NULL, unit_price numeric(12,2), price_updated_at timestamptz,
            name text NOT NULL, manufacturer text, country text, description text,
            quantity numeric(14,3), unit text, unit_text text, is_weighted boolean NOT NULL
        ) ON COMMIT DROP
        """;

    public const string CopyStage = """
        COPY price_stage (product_key, item_code, is_internal, price, unit_price, price_updated_at,
                          name, manufacturer, country, description, quantity, unit, unit_text, is_weighted)
        FROM STDIN (FORMAT BINARY)
        """;

    public const string UpsertProducts = """
        INSERT INTO products AS p (product_key, barcode, chain_id, item_code, name, manufacturer, country, description,
                                   quantity, unit, unit_text, is_weighted)
        SELECT s.product_key, CASE WHEN s.is_internal THEN NULL ELSE s.item_code END, CASE WHEN s.is_internal THEN @chain END,
               s.item_code, s.name, s.manufacturer, s.country, s.description, s.quantity, s.unit, s.unit_text, s.is_weighted
        FROM price_stage s
        ORDER BY s.product_key
        ON CONFLICT (product_key) DO UPDATE SET
            name = CASE WHEN p.name = '' THEN excluded.name ELSE p.name END,
            manufacturer = COALESCE(NULLIF(p.manufacturer, ''), excluded.manufacturer),
            country = COALESCE(NULLIF(p.country, ''), excluded.country),
            description = COALESCE(NULLIF(p.description, ''), excluded.description),
            quantity = COALESCE(p.quantity, excluded.quantity),
            unit = COALESCE(NULLIF(p.unit, ''), excluded.unit),
            unit_text = COALESCE(NULLIF(p.unit_text, ''), excluded.unit_text),
            updated_at = now()
        WHERE (p.name = '' AND excluded.name <> '')
           OR (NULLIF(p.manufacturer, '') IS NULL AND NULLIF(excluded.manufacturer, '') IS NOT NULL)
           OR (NULLIF(p.country, '') IS NULL AND NULLIF(excluded.country, '') IS NOT NULL)
           OR (NULLIF(p.description, '') IS NULL AND NULLIF(excluded.description, '') IS NOT NULL)
           OR (p.quantity IS NULL AND excluded.quantity IS NOT NULL)
           OR (NULLIF(p.unit, '') IS NULL AND NULLIF(excluded.unit, '') IS NOT NULL)
           OR (NULLIF(p.unit_text, '') IS NULL AND NULLIF(excluded.unit_text, '') IS NOT NULL)
        """;

    public const string UpsertSources = """
        INSERT INTO product_sources AS ps (product_key, chain_id, name, manufacturer, country, description,
                                           quantity, unit, unit_text, is_weighted)
        SELECT s.product_key, @chain, s.name, s.manufacturer, s.country, s.description, s.quantity, s.unit, s.unit_text, s.is_weighted
        FROM price_stage s
        ORDER BY s.product_key
        ON CONFLICT (product_key, chain_id) DO UPDATE SET
            name = excluded.name, manufacturer = excluded.manufacturer, country = excluded.country,
            description = excluded.description, quantity = excluded.quantity, unit = excluded.unit,
            unit_text = excluded.unit_text, is_weighted = excluded.is_weighted, updated_at = now()
        WHERE (ps.name, ps.manufacturer, ps.country, ps.description, ps.quantity, ps.unit, ps.unit_text, ps.is_weighted)
              IS DISTINCT FROM
              (excluded.name, excluded.manufacturer, excluded.country, excluded.description, excluded.quantity,
               excluded.unit, excluded.unit_text, excluded.is_weighted)
        """;

    public const string RecordChanges = """
        INSERT INTO price_changes (chain_id, store_id, product_key, price, previous_price, changed_at, import_id)
        SELECT @chain, @store, s.product_key, s.price, CASE WHEN c.available THEN c.price END,
               COALESCE(s.price_updated_at, @file_at), @import
        FROM price_stage s
        LEFT JOIN store_prices c ON c.chain_id = @chain AND c.store_id = @store AND c.product_key = s.product_key
        WHERE c.product_key IS NULL
           OR (c.file_at <= @file_at AND (NOT c.available OR c.price <> s.price))
        """;

    public const string UpsertPrices = """
        INSERT INTO store_prices AS c (chain_id, store_id, product_key, price, unit_price, available, price_updated_at, file_at)
        SELECT @chain, @store, s.product_key, s.price, s.unit_price, true, s.price_updated_at, @file_at
        FROM price_stage s
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
