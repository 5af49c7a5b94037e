namespace Gogobe.Storage.Prices;

/// <summary>
/// The set-based statements of a price apply. They read the staged rows of <c>price_stage</c>; parameters are
/// @chain, @store, @import, @file_at and @removed. A row written by a newer file (its file_at) is never overwritten.
/// </summary>
internal static class PriceListSql
{
    private const string FactColumns = "name, manufacturer, country, description, quantity, unit, unit_text, is_weighted";

    private static readonly string[] Fillable = ["manufacturer", "country", "description", "unit", "unit_text"];

    private static string Facts(string alias) => string.Join(", ", FactColumns.Split(", ").Select(c => $"{alias}.{c}"));

    /// <summary>True when the proposed row gives a fact the current canonical row lacks (an empty name, a null or empty text, a null quantity).</summary>
    private static string FillsAFact(string current, string proposed) =>
        $"(({current}.name = '' AND {proposed}.name <> '') OR ({current}.quantity IS NULL AND {proposed}.quantity IS NOT NULL) OR " +
        string.Join(" OR ", Fillable.Select(c => $"(NULLIF({current}.{c}, '') IS NULL AND NULLIF({proposed}.{c}, '') IS NOT NULL)")) + ")";

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

    public static readonly string UpsertProducts = $"""
        INSERT INTO products AS p (product_key, barcode, chain_id, item_code, name, manufacturer, country, description,
                                   quantity, unit, unit_text, is_weighted)
        SELECT s.product_key, CASE WHEN s.is_internal THEN NULL ELSE s.item_code END, CASE WHEN s.is_internal THEN @chain END,
               s.item_code, s.name, s.manufacturer, s.country, s.description, s.quantity, s.unit, s.unit_text, s.is_weighted
        FROM price_stage s
        LEFT JOIN products cur ON cur.product_key = s.product_key
        WHERE cur.product_key IS NULL OR {FillsAFact("cur", "s")}
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
        WHERE {FillsAFact("p", "excluded")}
        """;

    public static readonly string UpsertSources = $"""
        INSERT INTO product_sources AS ps (product_key, chain_id, name, manufacturer, country, description,
                                           quantity, unit, unit_text, is_weighted)
        SELECT s.product_key, @chain, s.name, s.manufacturer, s.country, s.description, s.quantity, s.unit, s.unit_text, s.is_weighted
        FROM price_stage s
        LEFT JOIN product_sources cur ON cur.product_key = s.product_key AND cur.chain_id = @chain
        WHERE cur.product_key IS NULL OR ({Facts("cur")}) IS DISTINCT FROM ({Facts("s")})
        ORDER BY s.product_key
        ON CONFLICT (product_key, chain_id) DO UPDATE SET
            name = excluded.name, manufacturer = excluded.manufacturer, country = excluded.country,
            description = excluded.description, quantity = excluded.quantity, unit = excluded.unit,
            unit_text = excluded.unit_text, is_weighted = excluded.is_weighted, updated_at = now()
        WHERE ({Facts("ps")}) IS DISTINCT FROM ({Facts("excluded")})
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
