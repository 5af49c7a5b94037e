namespace Gogobe.Storage.Watches;

/// <summary>The SQL of the notification outbox and its deliveries.</summary>
internal static class DeliverySql
{
    /// <summary>
    /// Notices not yet delivered of up to @users users whose oldest waiting notice is at least the digest window old or
    /// who have @most waiting, oldest users first; at most @most notices of each, oldest first, locked so that two
    /// senders never take the same one.
    /// </summary>
    public const string Waiting = """
        WITH due AS (
            SELECT user_id FROM watch_notifications WHERE digested_at IS NULL
            GROUP BY user_id
            HAVING min(created_at) <= clock_timestamp() - make_interval(secs => @window) OR count(*) >= @most
            ORDER BY min(notification_id) LIMIT @users)
        SELECT n.notification_id, n.watch_id, n.change_id, n.user_id, n.import_id, n.product_key, p.name, w.condition, w.threshold,
               n.chain_id, n.store_id, n.price, n.reference_price, n.promotions, w.webhook_url, w.email, n.created_at
        FROM due
        CROSS JOIN LATERAL (
            SELECT * FROM watch_notifications x WHERE x.user_id = due.user_id AND x.digested_at IS NULL
            ORDER BY x.notification_id LIMIT @most
            FOR UPDATE SKIP LOCKED) n
        JOIN watches w ON w.watch_id = n.watch_id
        LEFT JOIN products p ON p.product_key = n.product_key
        ORDER BY n.notification_id
        """;

    /// <summary>
    /// Seconds until a digest is due: until the oldest waiting notice has waited @window (negative when it has), or 0 when
    /// a user has @most notices waiting; null when none waits.
    /// </summary>
    public const string NextDigest = """
        SELECT least(
            extract(epoch FROM min(created_at) - clock_timestamp())::float8 + @window,
            CASE WHEN max(waiting) >= @most THEN 0 END)
        FROM (SELECT min(created_at) AS created_at, count(*) AS waiting FROM watch_notifications WHERE digested_at IS NULL GROUP BY user_id) u
        """;

    /// <summary>Seconds until the next pending message is due (a retry's wait or a lease ends); null when none is pending.</summary>
    public const string NextAttempt = """
        SELECT extract(epoch FROM min(next_attempt_at) - clock_timestamp())::float8 FROM watch_deliveries WHERE status = 'pending'
        """;

    public const string Digested = "UPDATE watch_notifications SET digested_at = now() WHERE notification_id = ANY(@ids)";

    public const string Insert = """
        INSERT INTO watch_deliveries (user_id, channel, target, idempotency_key, body) VALUES (@user, @channel, @target, @key, @body)
        ON CONFLICT (idempotency_key) DO NOTHING
        """;

    /// <summary>Takes due deliveries for a lease: a sender that dies holding one leaves it to be taken again when the lease ends.</summary>
    public const string Claim = """
        UPDATE watch_deliveries d SET attempts = d.attempts + 1, next_attempt_at = clock_timestamp() + make_interval(secs => @lease)
        FROM watch_users u
        WHERE u.user_id = d.user_id AND d.delivery_id IN (
            SELECT delivery_id FROM watch_deliveries WHERE status = 'pending' AND next_attempt_at <= clock_timestamp()
            ORDER BY next_attempt_at LIMIT @limit FOR UPDATE SKIP LOCKED)
        RETURNING d.delivery_id, d.user_id, d.channel, d.target, d.idempotency_key, d.body::text, d.attempts, u.webhook_secret
        """;

    public const string Sent = """
        UPDATE watch_deliveries SET status = 'sent', finished_at = now(), last_error = NULL WHERE delivery_id = ANY(@deliveries) AND status = 'pending'
        """;

    public const string Release = """
        UPDATE watch_deliveries SET attempts = attempts - 1, next_attempt_at = clock_timestamp() WHERE delivery_id = ANY(@deliveries) AND status = 'pending'
        """;

    public const string Retry = """
        UPDATE watch_deliveries SET next_attempt_at = clock_timestamp() + make_interval(secs => @delay), last_error = @error
        WHERE delivery_id = @delivery AND status = 'pending'
        """;

    public const string Dead = """
        UPDATE watch_deliveries SET status = 'dead', finished_at = now(), last_error = @error WHERE delivery_id = @delivery AND status = 'pending'
        """;
}
