namespace Gogobe.Storage.Watches;

/// <summary>The SQL of watches and their owners.</summary>
internal static class WatchSql
{
    public const string Columns = """
        watch_id, user_id, product_key, chains, stores, latitude, longitude, radius_km, condition, threshold, webhook_url,
        email, reference_price, known_promotions, created_at, armed_at, notified_at
        """;

    public const string EnsureUser = """
        INSERT INTO watch_users (user_id, webhook_secret) VALUES (@user, @secret) ON CONFLICT (user_id) DO NOTHING;
        SELECT webhook_secret FROM watch_users WHERE user_id = @user;
        """;

    public const string Create = $"""
        INSERT INTO watches (user_id, product_key, chains, stores, latitude, longitude, radius_km, condition, threshold, webhook_url, email)
        SELECT @user, @product, @chains, @stores, @latitude, @longitude, @radius, @condition, @threshold, @webhook, @email
        WHERE (SELECT count(*) FROM watches WHERE user_id = @user) < @max_watches
        RETURNING {Columns}
        """;

    public const string Get = $"SELECT {Columns} FROM watches WHERE watch_id = @watch";

    public const string OfUser = $"SELECT {Columns} FROM watches WHERE user_id = @user ORDER BY watch_id";

    public const string OfProduct = $"SELECT {Columns} FROM watches WHERE product_key = @product ORDER BY watch_id";

    public const string Delete = "DELETE FROM watches WHERE watch_id = @watch AND user_id = @user";

    public const string Update = """
        UPDATE watches SET reference_price = @reference, known_promotions = @known, armed_at = COALESCE(armed_at, now()),
               notified_at = CASE WHEN @notified THEN now() ELSE notified_at END
        WHERE watch_id = @watch
        """;

    public const string Notice = """
        INSERT INTO watch_notifications (watch_id, change_id, user_id, import_id, product_key, chain_id, store_id, price, reference_price, promotions)
        SELECT watch_id, @change, user_id, @import, product_key, @chain, @store, @price, @reference, @promotions
        FROM watches WHERE watch_id = @watch
        ON CONFLICT (watch_id, change_id) DO NOTHING
        """;

    public const string DeadLetters = """
        SELECT delivery_id, channel, target, idempotency_key, body::text, attempts, last_error, created_at, finished_at
        FROM watch_deliveries WHERE user_id = @user AND status = 'dead' ORDER BY delivery_id DESC LIMIT @limit
        """;
}
