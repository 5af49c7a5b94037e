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

    // The statements a watch grain runs at each run of changes take positional parameters and are prepared (WatchOutbox).
    public const string OfProduct = $"SELECT {Columns} FROM watches WHERE product_key = $1 ORDER BY watch_id";

    public const string OfProducts = $"SELECT {Columns} FROM watches WHERE product_key = ANY($1) ORDER BY watch_id";

    public const string Delete = "DELETE FROM watches WHERE watch_id = @watch AND user_id = @user";

    public const string Update = """
        UPDATE watches SET reference_price = $2, known_promotions = $3, armed_at = COALESCE(armed_at, now()),
               notified_at = CASE WHEN $4 THEN now() ELSE notified_at END
        WHERE watch_id = $1
        """;

    public const string Notice = """
        INSERT INTO watch_notifications (watch_id, change_id, user_id, import_id, product_key, chain_id, store_id, price, reference_price, promotions, change_taken_at, run_started_at)
        SELECT watch_id, $2, user_id, $3, product_key, $4, $5, $6, $7, $8, $9, $10
        FROM watches WHERE watch_id = $1
        ON CONFLICT (watch_id, change_id) DO NOTHING
        """;

    public const string DeadLetters = """
        SELECT delivery_id, channel, target, idempotency_key, body::text, attempts, last_error, created_at, finished_at
        FROM watch_deliveries WHERE user_id = @user AND status = 'dead' ORDER BY delivery_id DESC LIMIT @limit
        """;
}
