namespace Gogobe.Storage.Products;

/// <summary>
/// The product-fact statements of a price import. They read <c>product_stage</c> (one row per product key) and the
/// parameter @chain; canonical products only gain facts they lack, per-chain sources take the chain's latest facts.
/// </summary>
internal static class ProductFactsSql
{
    private const string FactColumns = "name, manufacturer, country, description, quantity, unit, unit_text, is_weighted";

    private static readonly string[] Fillable = ["manufacturer", "country", "description", "unit", "unit_text"];

    private static string Facts(string alias) => string.Join(", ", FactColumns.Split(", ").Select(c => $"{alias}.{c}"));

    /// <summary>True when the proposed row gives a fact the current canonical row lacks (an empty name, a null or empty text, a null quantity).</summary>
    private static string FillsAFact(string current, string proposed) =>
        $"(({current}.name = '' AND {proposed}.name <> '') OR ({current}.quantity IS NULL AND {proposed}.quantity IS NOT NULL) OR " +
        string.Join(" OR ", Fillable.Select(c => $"(NULLIF({current}.{c}, '') IS NULL AND NULLIF({proposed}.{c}, '') IS NOT NULL)")) + ")";

    /// <summary>Inserts new products and fills facts; returns each written key and whether it was inserted (new to the catalogue).</summary>
    public static readonly string UpsertProducts = $"""
        INSERT INTO products AS p (product_key, barcode, chain_id, item_code, name, manufacturer, country, description,
                                   quantity, unit, unit_text, is_weighted)
        SELECT s.product_key, CASE WHEN s.is_internal THEN NULL ELSE s.item_code END, CASE WHEN s.is_internal THEN @chain END,
               s.item_code, s.name, s.manufacturer, s.country, s.description, s.quantity, s.unit, s.unit_text, s.is_weighted
        FROM product_stage s
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
        RETURNING product_key, xmax = 0
        """;

    public static readonly string UpsertSources = $"""
        INSERT INTO product_sources AS ps (product_key, chain_id, name, manufacturer, country, description,
                                           quantity, unit, unit_text, is_weighted)
        SELECT s.product_key, @chain, s.name, s.manufacturer, s.country, s.description, s.quantity, s.unit, s.unit_text, s.is_weighted
        FROM product_stage s
        LEFT JOIN product_sources cur ON cur.product_key = s.product_key AND cur.chain_id = @chain
        WHERE cur.product_key IS NULL OR ({Facts("cur")}) IS DISTINCT FROM ({Facts("s")})
        ORDER BY s.product_key
        ON CONFLICT (product_key, chain_id) DO UPDATE SET
            name = excluded.name, manufacturer = excluded.manufacturer, country = excluded.country,
            description = excluded.description, quantity = excluded.quantity, unit = excluded.unit,
            unit_text = excluded.unit_text, is_weighted = excluded.is_weighted, updated_at = now()
        WHERE ({Facts("ps")}) IS DISTINCT FROM ({Facts("excluded")})
        """;

    public const string CreateStage = """
        CREATE TEMP TABLE product_stage (
            product_key text NOT NULL, item_code text NOT NULL, is_internal boolean NOT NULL,
            name text NOT NULL, manufacturer text, country text, description text,
            quantity numeric(14,3), unit text, unit_text text, is_weighted boolean NOT NULL
        ) ON COMMIT DROP
        """;

    public const string CopyStage = """
        COPY product_stage (product_key, item_code, is_internal, name, manufacturer, country, description,
                            quantity, unit, unit_text, is_weighted)
        FROM STDIN (FORMAT BINARY)
        """;
}
