namespace Gogobe.Storage.Promotions;

/// <summary>
/// The set-based statements of a promotion apply over the staged <c>promotion_stage</c> and <c>promotion_item_stage</c>
/// tables; parameters @chain, @store and @file_at. A promotion a newer file wrote (its file_at) is left alone.
/// </summary>
internal static class PromotionSql
{
    private const string HeaderColumns =
        "description, starts_at, ends_at, reward_type, is_club_only, club_ids, min_quantity, max_quantity, discounted_price, " +
        "discounted_price_per_unit, discount_rate, discount_type, min_purchase_amount, allow_multiple_discounts, is_weighted, updated_at";

    private const string ItemColumns = "is_gift, reward_type, min_quantity, max_quantity, discounted_price, discount_rate";

    public const string CreateStage = """
        CREATE TEMP TABLE promotion_stage (
            promotion_id text PRIMARY KEY, description text, starts_at timestamptz, ends_at timestamptz, reward_type integer,
            is_club_only boolean NOT NULL, club_ids text[] NOT NULL, min_quantity numeric(14,3), max_quantity numeric(14,3),
            discounted_price numeric(12,2), discounted_price_per_unit numeric(14,4), discount_rate numeric(8,3),
            discount_type integer, min_purchase_amount numeric(12,2), allow_multiple_discounts boolean NOT NULL,
            is_weighted boolean NOT NULL, updated_at timestamptz
        ) ON COMMIT DROP;
        CREATE TEMP TABLE promotion_item_stage (
            promotion_id text NOT NULL, product_key text NOT NULL, is_gift boolean NOT NULL, reward_type integer,
            min_quantity numeric(14,3), max_quantity numeric(14,3), discounted_price numeric(12,2), discount_rate numeric(8,3),
            PRIMARY KEY (promotion_id, product_key)
        ) ON COMMIT DROP
        """;

    public const string AnalyzeStage = "ANALYZE promotion_stage, promotion_item_stage";

    public const string CopyHeaders = $"COPY promotion_stage (promotion_id, {HeaderColumns}) FROM STDIN (FORMAT BINARY)";

    public const string CopyItems = $"COPY promotion_item_stage (promotion_id, product_key, {ItemColumns}) FROM STDIN (FORMAT BINARY)";

    public const string DeleteMissingItemsOfMissing = """
        DELETE FROM promotion_items i
        USING promotions p
        WHERE i.chain_id = @chain AND i.store_id = @store
          AND p.chain_id = @chain AND p.store_id = @store AND p.promotion_id = i.promotion_id AND p.file_at <= @file_at
          AND NOT EXISTS (SELECT 1 FROM promotion_stage s WHERE s.promotion_id = p.promotion_id)
        """;

    public const string DeleteMissing = """
        DELETE FROM promotions p
        WHERE p.chain_id = @chain AND p.store_id = @store AND p.file_at <= @file_at
          AND NOT EXISTS (SELECT 1 FROM promotion_stage s WHERE s.promotion_id = p.promotion_id)
        """;

    public static readonly string UpsertHeaders = $"""
        INSERT INTO promotions AS p (chain_id, store_id, promotion_id, {HeaderColumns}, file_at)
        SELECT @chain, @store, s.promotion_id, {Staged("s", HeaderColumns)}, @file_at
        FROM promotion_stage s
        LEFT JOIN promotions cur ON cur.chain_id = @chain AND cur.store_id = @store AND cur.promotion_id = s.promotion_id
        WHERE cur.promotion_id IS NULL
           OR (cur.file_at <= @file_at AND ({Staged("cur", HeaderColumns)}) IS DISTINCT FROM ({Staged("s", HeaderColumns)}))
        ON CONFLICT (chain_id, store_id, promotion_id) DO UPDATE SET
            description = excluded.description, starts_at = excluded.starts_at, ends_at = excluded.ends_at,
            reward_type = excluded.reward_type, is_club_only = excluded.is_club_only, club_ids = excluded.club_ids,
            min_quantity = excluded.min_quantity, max_quantity = excluded.max_quantity,
            discounted_price = excluded.discounted_price, discounted_price_per_unit = excluded.discounted_price_per_unit,
            discount_rate = excluded.discount_rate, discount_type = excluded.discount_type,
            min_purchase_amount = excluded.min_purchase_amount, allow_multiple_discounts = excluded.allow_multiple_discounts,
            is_weighted = excluded.is_weighted, updated_at = excluded.updated_at, file_at = excluded.file_at
        WHERE p.file_at <= excluded.file_at
          AND (p.description, p.starts_at, p.ends_at, p.reward_type, p.is_club_only, p.club_ids, p.min_quantity, p.max_quantity,
               p.discounted_price, p.discounted_price_per_unit, p.discount_rate, p.discount_type, p.min_purchase_amount,
               p.allow_multiple_discounts, p.is_weighted, p.updated_at)
              IS DISTINCT FROM
              (excluded.description, excluded.starts_at, excluded.ends_at, excluded.reward_type, excluded.is_club_only,
               excluded.club_ids, excluded.min_quantity, excluded.max_quantity, excluded.discounted_price,
               excluded.discounted_price_per_unit, excluded.discount_rate, excluded.discount_type,
               excluded.min_purchase_amount, excluded.allow_multiple_discounts, excluded.is_weighted, excluded.updated_at)
        """;

    /// <summary>The staged promotions this file may write: those no newer file wrote.</summary>
    private const string Owned = """
        JOIN promotions p ON p.chain_id = @chain AND p.store_id = @store AND p.promotion_id = t.promotion_id AND p.file_at <= @file_at
        """;

    public const string DeleteMissingItems = $"""
        DELETE FROM promotion_items i
        USING promotion_stage t {Owned}
        WHERE i.chain_id = @chain AND i.store_id = @store AND i.promotion_id = t.promotion_id
          AND NOT EXISTS (SELECT 1 FROM promotion_item_stage x WHERE x.promotion_id = i.promotion_id AND x.product_key = i.product_key)
        """;

    public static readonly string UpsertItems = $"""
        INSERT INTO promotion_items AS i (chain_id, store_id, promotion_id, product_key, {ItemColumns})
        SELECT @chain, @store, t.promotion_id, t.product_key, t.is_gift, t.reward_type, t.min_quantity, t.max_quantity,
               t.discounted_price, t.discount_rate
        FROM promotion_item_stage t {Owned}
        LEFT JOIN promotion_items cur ON cur.chain_id = @chain AND cur.store_id = @store
             AND cur.promotion_id = t.promotion_id AND cur.product_key = t.product_key
        WHERE cur.product_key IS NULL OR ({Staged("cur", ItemColumns)}) IS DISTINCT FROM ({Staged("t", ItemColumns)})
        ON CONFLICT (chain_id, store_id, promotion_id, product_key) DO UPDATE SET
            is_gift = excluded.is_gift, reward_type = excluded.reward_type, min_quantity = excluded.min_quantity,
            max_quantity = excluded.max_quantity, discounted_price = excluded.discounted_price, discount_rate = excluded.discount_rate
        WHERE (i.is_gift, i.reward_type, i.min_quantity, i.max_quantity, i.discounted_price, i.discount_rate)
              IS DISTINCT FROM
              (excluded.is_gift, excluded.reward_type, excluded.min_quantity, excluded.max_quantity,
               excluded.discounted_price, excluded.discount_rate)
        """;

    private static string Staged(string alias, string columns) =>
        string.Join(", ", columns.Split(", ").Select(c => $"{alias}.{c}"));

    private const string NotEnded = "p.chain_id = @chain AND p.store_id = @store AND (p.ends_at IS NULL OR p.ends_at > @at)";

    public const string LoadHeaders = $"SELECT p.promotion_id, {HeaderColumns} FROM promotions p WHERE {NotEnded}";

    /// <summary>Every item of the store, read in one range scan; items of ended promotions are dropped by the reader.</summary>
    public const string LoadItems = $"""
        SELECT promotion_id, product_key, {ItemColumns}
        FROM promotion_items WHERE chain_id = @chain AND store_id = @store
        """;

}
