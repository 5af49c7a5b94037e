using Gogobe.Storage.Sql;
using Npgsql;

namespace Gogobe.Storage.FeedState;

/// <summary>
/// Reads, locks and moves the per-store, per-kind watermarks of <c>store_feed_state</c>. A watermark only moves
/// forward; the transaction-scoped advisory lock serialises writers of one store's list of one family (prices or promotions).
/// </summary>
internal static class FeedWatermarks
{
    private const string LockSql =
        "SELECT pg_advisory_xact_lock(hashtextextended(@family || ':' || @chain || ':' || @store, 0))";

    private const string ReadSql =
        "SELECT kind, file_at, import_id, content_fingerprint, content_rows FROM store_feed_state WHERE chain_id = @chain AND store_id = @store AND kind = ANY(@kinds)";

    private const string MoveSql = """
        INSERT INTO store_feed_state AS s (chain_id, store_id, kind, file_at, import_id, content_fingerprint, content_rows)
        VALUES (@chain, @store, @kind, @file_at, @import, @fingerprint, @rows)
        ON CONFLICT (chain_id, store_id, kind) DO UPDATE
        SET file_at = excluded.file_at, import_id = excluded.import_id, applied_at = now(),
            content_fingerprint = excluded.content_fingerprint, content_rows = excluded.content_rows
        WHERE excluded.file_at > s.file_at
        """;

    /// <summary>
    /// Moves the full-list watermark to a newer file whose content is the applied list's own, and only while no delta
    /// was applied on top of that list (the stored prices are then exactly that content's).
    /// </summary>
    private const string MoveUnchangedFullSql = """
        UPDATE store_feed_state s SET file_at = @file_at, import_id = @import, applied_at = now()
        WHERE s.chain_id = @chain AND s.store_id = @store AND s.kind = 'PriceFull'
          AND s.content_fingerprint = @fingerprint AND s.file_at < @file_at
          AND NOT EXISTS (SELECT 1 FROM store_feed_state d
                          WHERE d.chain_id = s.chain_id AND d.store_id = s.store_id AND d.kind = 'Price' AND d.file_at >= s.file_at)
        """;

    public const string RecordChainSql = "INSERT INTO chains (chain_id) VALUES (@chain) ON CONFLICT (chain_id) DO NOTHING";

    public static NpgsqlBatchCommand Read(string chainId, string storeId, IReadOnlyCollection<string> kinds) =>
        new(ReadSql) { Parameters = { Parameters.Text("chain", chainId), Parameters.Text("store", storeId), Parameters.TextArray("kinds", kinds) } };

    public static NpgsqlBatchCommand Move(
        string chainId, string storeId, string kind, DateTimeOffset fileAt, string importId, string? fingerprint = null, int rows = 0) =>
        new(MoveSql)
        {
            Parameters =
            {
                Parameters.Text("chain", chainId), Parameters.Text("store", storeId), Parameters.Text("kind", kind),
                Parameters.Instant("file_at", fileAt), Parameters.Text("import", importId),
                Parameters.Text("fingerprint", fingerprint), Parameters.Integer("rows", fingerprint is null ? null : rows),
            },
        };

    /// <summary>
    /// Moves the full-list watermark for a file with the applied list's content, under the store's price lock;
    /// false when the database no longer holds exactly that list (another file was applied since).
    /// </summary>
    public static Task<bool> MoveUnchangedFullAsync(
        NpgsqlDataSource dataSource, string chainId, string storeId, DateTimeOffset fileAt, string importId, string fingerprint, CancellationToken cancellationToken) =>
        Transactions.RunAsync(dataSource, async (connection, transaction, ct) =>
        {
            await using var batch = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    Lock("prices", chainId, storeId),
                    new NpgsqlBatchCommand(MoveUnchangedFullSql)
                    {
                        Parameters =
                        {
                            Parameters.Text("chain", chainId), Parameters.Text("store", storeId), Parameters.Instant("file_at", fileAt),
                            Parameters.Text("import", importId), Parameters.Text("fingerprint", fingerprint),
                        },
                    },
                },
            };
            await batch.ExecuteNonQueryAsync(ct);
            return batch.BatchCommands[1].RecordsAffected == 1;
        }, cancellationToken);

    /// <summary>
    /// Moves a kind's watermark for a file that changed nothing, so older files arriving later are recognised as stale.
    /// Writes one row when the file is newer than the watermark and nothing otherwise; returns whether it moved.
    /// </summary>
    public static async Task<bool> MoveAsync(
        NpgsqlDataSource dataSource, string chainId, string storeId, string kind, DateTimeOffset fileAt, string importId,
        string? fingerprint, int rows, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { Move(chainId, storeId, kind, fileAt, importId, fingerprint, rows) } };
        return await batch.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private static NpgsqlBatchCommand Lock(string family, string chainId, string storeId) =>
        new(LockSql) { Parameters = { Parameters.Text("family", family), Parameters.Text("chain", chainId), Parameters.Text("store", storeId) } };

    public static NpgsqlBatchCommand RecordChain(string chainId) =>
        new(RecordChainSql) { Parameters = { Parameters.Text("chain", chainId) } };

    /// <summary>Takes the store's lock for the family and returns its watermarks by kind.</summary>
    public static async Task<Dictionary<string, FeedWatermark>> LockAndReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string family, string chainId, string storeId,
        IReadOnlyCollection<string> kinds, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Lock(family, chainId, storeId),
                Read(chainId, storeId, kinds),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        return await ReadAllAsync(reader, cancellationToken);
    }

    public static async Task<Dictionary<string, FeedWatermark>> ReadAllAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var marks = new Dictionary<string, FeedWatermark>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            marks[reader.GetString(0)] = new FeedWatermark(
                reader.GetInstant(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? 0 : reader.GetInt32(4));
        }

        return marks;
    }
}
