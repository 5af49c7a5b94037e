namespace Gogobe.Storage.Stores;

internal static class StoreSql
{
    private const string Columns = "s.chain_id, s.store_id, c.name, s.sub_chain_id, s.sub_chain_name, s.name, s.address, s.city, " +
                                   "s.zip_code, s.store_type, s.feed_latitude, s.feed_longitude, s.file_at, s.import_id, s.updated_at";

    public const string Select = $"SELECT {Columns} FROM stores s LEFT JOIN chains c ON c.chain_id = s.chain_id";

    /// <summary>
    /// Writes the store unless a newer file wrote it; a re-import of the same file writes nothing.
    /// Returns the previous row (if any) and whether a row was written.
    /// </summary>
    public const string Upsert = """
        WITH previous AS (
            SELECT sub_chain_id, sub_chain_name, name, address, city, zip_code, store_type, feed_latitude, feed_longitude, file_at
            FROM stores WHERE chain_id = @chain AND store_id = @store),
        written AS (
            INSERT INTO stores AS s (chain_id, store_id, sub_chain_id, sub_chain_name, name, address, city, zip_code,
                                     store_type, feed_latitude, feed_longitude, file_at, import_id)
            VALUES (@chain, @store, @sub_chain_id, @sub_chain_name, @name, @address, @city, @zip_code,
                    @store_type, @latitude, @longitude, @file_at, @import)
            ON CONFLICT (chain_id, store_id) DO UPDATE SET
                sub_chain_id = excluded.sub_chain_id, sub_chain_name = excluded.sub_chain_name, name = excluded.name,
                address = excluded.address, city = excluded.city, zip_code = excluded.zip_code,
                store_type = excluded.store_type, feed_latitude = excluded.feed_latitude, feed_longitude = excluded.feed_longitude,
                file_at = excluded.file_at, import_id = excluded.import_id,
                updated_at = CASE
                    WHEN (s.sub_chain_id, s.sub_chain_name, s.name, s.address, s.city, s.zip_code, s.store_type, s.feed_latitude, s.feed_longitude)
                         IS DISTINCT FROM (excluded.sub_chain_id, excluded.sub_chain_name, excluded.name, excluded.address,
                                           excluded.city, excluded.zip_code, excluded.store_type, excluded.feed_latitude, excluded.feed_longitude)
                    THEN now() ELSE s.updated_at END
            WHERE s.file_at < excluded.file_at
               OR (s.file_at = excluded.file_at
                   AND (s.sub_chain_id, s.sub_chain_name, s.name, s.address, s.city, s.zip_code, s.store_type, s.feed_latitude, s.feed_longitude)
                       IS DISTINCT FROM (excluded.sub_chain_id, excluded.sub_chain_name, excluded.name, excluded.address,
                                         excluded.city, excluded.zip_code, excluded.store_type, excluded.feed_latitude, excluded.feed_longitude))
            RETURNING 1)
        SELECT p.sub_chain_id, p.sub_chain_name, p.name, p.address, p.city, p.zip_code, p.store_type, p.feed_latitude, p.feed_longitude,
               p.file_at, EXISTS (SELECT 1 FROM written)
        FROM (SELECT 1) one LEFT JOIN previous p ON true
        """;

    public const string UpsertChain = """
        INSERT INTO chains AS c (chain_id, name) VALUES (@chain, @name)
        ON CONFLICT (chain_id) DO UPDATE SET name = excluded.name, updated_at = now()
        WHERE excluded.name IS NOT NULL AND excluded.name <> '' AND c.name IS DISTINCT FROM excluded.name
        """;
}
