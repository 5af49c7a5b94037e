namespace Gogobe.Storage.Places;

internal static class PlaceSql
{
    public const string Waiting = """
        SELECT chain_id, store_id, name, address, city, store_type, feed_latitude, feed_longitude
        FROM stores WHERE placed_at IS NULL OR placed_at < updated_at
        ORDER BY chain_id, store_id LIMIT @limit
        """;

    public const string ChainLocalities = "SELECT chain_id, locality_code, count(*)::int FROM stores WHERE locality_code IS NOT NULL GROUP BY 1, 2";

    /// <summary>
    /// Records each store's latest placement; its location (with locality, precision, source and rank) is replaced only
    /// by one of equal or higher rank, so a worse newer file never erases a better location.
    /// </summary>
    public const string Write = """
        UPDATE stores s SET
            latitude = CASE WHEN v.better THEN v.lat ELSE s.latitude END,
            longitude = CASE WHEN v.better THEN v.lon ELSE s.longitude END,
            location_precision = CASE WHEN v.better THEN v.prec ELSE s.location_precision END,
            location_source = CASE WHEN v.better THEN v.src ELSE s.location_source END,
            location_rank = CASE WHEN v.better THEN v.rank ELSE s.location_rank END,
            locality_code = CASE WHEN v.better OR s.locality_code IS NULL THEN COALESCE(v.code, s.locality_code) ELSE s.locality_code END,
            locality_name = CASE WHEN v.better OR s.locality_code IS NULL THEN COALESCE(v.locality, s.locality_name) ELSE s.locality_name END,
            street = CASE WHEN v.better OR s.street IS NULL THEN COALESCE(v.street, s.street) ELSE s.street END,
            house_number = CASE WHEN v.better OR s.street IS NULL THEN COALESCE(v.number, s.house_number) ELSE s.house_number END,
            address_key = CASE WHEN v.better OR s.address_key IS NULL THEN COALESCE(v.key, s.address_key) ELSE s.address_key END,
            place_reason = v.reason,
            placed_at = now()
        FROM (SELECT u.*, u.rank > 0 AND u.rank >= COALESCE(t.location_rank, 0) AS better
              FROM unnest(@chain, @store, @lat, @lon, @prec, @src, @rank, @code, @locality, @street, @number, @key, @reason)
                   AS u(chain, store, lat, lon, prec, src, rank, code, locality, street, number, key, reason)
              JOIN stores t ON t.chain_id = u.chain AND t.store_id = u.store) v
        WHERE s.chain_id = v.chain AND s.store_id = v.store
        """;

    /// <summary>A geocoder's answer placed on every store with that address whose location ranks no higher.</summary>
    public const string Apply = """
        UPDATE stores SET latitude = @lat, longitude = @lon, location_precision = @prec, location_source = 'geocoder', location_rank = @rank
        WHERE address_key = @key AND COALESCE(location_rank, 0) <= @rank
        """;

    /// <summary>Answers already kept placed on stores that came to their address since (a new store, a move).</summary>
    public const string ApplyKept = """
        UPDATE stores s SET latitude = a.latitude, longitude = a.longitude, location_precision = a.precision,
                            location_source = 'geocoder', location_rank = r.rank
        FROM geocode_answers a
        CROSS JOIN LATERAL (SELECT CASE a.precision WHEN 'address' THEN @address_rank WHEN 'street' THEN @street_rank END AS rank) r
        WHERE a.found AND s.address_key = a.address_key AND r.rank IS NOT NULL AND COALESCE(s.location_rank, 0) < r.rank
        """;

    public const string FindAnswer = "SELECT query, found, latitude, longitude, precision FROM geocode_answers WHERE address_key = @key";

    public const string SaveAnswer = """
        INSERT INTO geocode_answers (address_key, query, found, latitude, longitude, precision)
        VALUES (@key, @query, @found, @lat, @lon, @prec) ON CONFLICT (address_key) DO NOTHING
        """;

    /// <summary>Takes the next request slot: returns when it starts and moves the shared clock one interval past it.</summary>
    public const string Reserve = """
        UPDATE geocoder_clock SET next_at = GREATEST(next_at, clock_timestamp()) + @interval
        WHERE id = 1 RETURNING next_at - @interval
        """;

    public const string Hold = "UPDATE geocoder_clock SET next_at = GREATEST(next_at, @until) WHERE id = 1";

    public const string Unplaced = """
        SELECT chain_id, store_id, name, address, city, place_reason FROM stores
        WHERE latitude IS NULL ORDER BY chain_id, store_id LIMIT @limit
        """;

    /// <summary>Queues every address no geocoder answered whose stores rank below @rank; an address already queued stays as it is.</summary>
    public const string Enqueue = """
        INSERT INTO geocode_requests (address_key, street, house_number, locality)
        SELECT s.address_key, min(s.street), min(s.house_number), min(s.locality_name)
        FROM stores s
        WHERE s.address_key IS NOT NULL AND s.street IS NOT NULL AND s.locality_name IS NOT NULL AND COALESCE(s.location_rank, 0) < @rank
          AND NOT EXISTS (SELECT 1 FROM geocode_answers a WHERE a.address_key = s.address_key)
        GROUP BY s.address_key
        ON CONFLICT (address_key) DO NOTHING
        """;

    /// <summary>Claims the oldest due request for @lease; concurrent claimers skip each other's rows.</summary>
    public const string Claim = """
        UPDATE geocode_requests r SET not_before = clock_timestamp() + @lease, attempts = r.attempts + 1
        WHERE r.address_key = (SELECT address_key FROM geocode_requests WHERE not_before <= clock_timestamp()
                               ORDER BY not_before, address_key LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING r.address_key, r.street, r.house_number, r.locality
        """;

    /// <summary>Seconds until the earliest request is due (a lease or a wait the geocoder asked for ends); null when none is queued.</summary>
    public const string NextDue = "SELECT extract(epoch FROM min(not_before) - clock_timestamp())::float8 FROM geocode_requests";

    public const string Done = "DELETE FROM geocode_requests WHERE address_key = @key";

    public const string Later = "UPDATE geocode_requests SET not_before = @at WHERE address_key = @key";

    public const string Queued = "SELECT count(*)::int FROM geocode_requests";
}
