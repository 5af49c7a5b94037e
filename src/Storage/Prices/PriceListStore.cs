using Gogobe.Storage.FeedState;
using Gogobe.Storage.Products;
using Gogobe.Storage.Sql;
using Npgsql;

namespace Gogobe.Storage.Prices;

/// <summary>
/// One store's current prices (<c>store_prices</c>, each with its baseline: when and by which import it was first seen),
/// the history of changes to known items (<c>price_changes</c>) and the watermarks of the price files applied to it. The
/// caller computes what changed; this writes exactly that, in one transaction.
/// </summary>
public sealed class PriceListStore(NpgsqlDataSource dataSource)
{
    private readonly ProductFactsWriter facts = new(dataSource);

    private const string Family = "prices";
    private static readonly string[] Kinds = [nameof(PriceFileKind.PriceFull), nameof(PriceFileKind.Price)];

    public async Task<PriceListSnapshot> LoadAsync(string chainId, string storeId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(PriceListSql.Load) { Parameters = { Parameters.Text("chain", chainId), Parameters.Text("store", storeId) } },
                FeedWatermarks.Read(chainId, storeId, Kinds),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var prices = new List<StoredPrice>();
        while (await reader.ReadAsync(cancellationToken))
        {
            prices.Add(new StoredPrice(
                reader.GetString(0), reader.GetDecimal(1), reader.GetDecimalOrNull(2), reader.GetBoolean(3),
                reader.GetInstantOrNull(4), reader.GetInstant(5)));
        }

        await reader.NextResultAsync(cancellationToken);
        var marks = await FeedWatermarks.ReadAllAsync(reader, cancellationToken);
        return new PriceListSnapshot(chainId, storeId, prices,
            marks.GetValueOrDefault(Kinds[0]), marks.GetValueOrDefault(Kinds[1]));
    }

    /// <summary>The store's newest applied <c>PriceFull</c> and <c>Price</c> watermarks, without its prices.</summary>
    public async Task<(FeedWatermark? Full, FeedWatermark? Delta)> LoadWatermarksAsync(string chainId, string storeId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { FeedWatermarks.Read(chainId, storeId, Kinds) } };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var marks = await FeedWatermarks.ReadAllAsync(reader, cancellationToken);
        return (marks.GetValueOrDefault(Kinds[0]), marks.GetValueOrDefault(Kinds[1]));
    }

    /// <summary>
    /// Writes one file's changes in one transaction. Stale when a newer full list (or, for a full list, one of the same
    /// time or newer: the watermark and the content fingerprint it carries describe one list) was already applied to the store; rows a newer delta wrote are kept. Applying the same change twice
    /// writes nothing the second time: history rows are only added where a known item's stored price differs.
    /// </summary>
    public Task<PriceListApplyOutcome> ApplyAsync(PriceListChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Kind == PriceFileKind.Price && change.Removed.Count > 0)
        {
            throw new ArgumentException($"A Price delta cannot remove items (import {change.ImportId}); only a PriceFull list can.", nameof(change));
        }

        return ApplyCoreAsync(change, cancellationToken);
    }

    private async Task<PriceListApplyOutcome> ApplyCoreAsync(PriceListChange change, CancellationToken cancellationToken)
    {
        var rows = PriceStaging.Distinct(change.Upserts);
        var added = await facts.WriteAsync(change.ChainId, rows, cancellationToken);
        var outcome = await Transactions.RunAsync(dataSource, (connection, transaction, ct) => ApplyAsync(connection, transaction, change, rows, ct), cancellationToken);
        return added.Count == 0 ? outcome : outcome with { NewProducts = added };
    }

    /// <summary>
    /// Moves the kind's watermark to a file that changed nothing, so older files arriving later are recognised as stale.
    /// Writes one row when the file is newer than the watermark and nothing otherwise (a re-import writes nothing).
    /// </summary>
    /// <returns>Whether the watermark moved.</returns>
    public Task<bool> MarkAppliedAsync(
        string chainId, string storeId, PriceFileKind kind, string importId, DateTimeOffset fileAt, ContentIdentity? content = null,
        CancellationToken cancellationToken = default) =>
        FeedWatermarks.MoveAsync(dataSource, chainId, storeId, kind.ToString(), fileAt, importId, content?.Fingerprint, content?.Rows ?? 0, cancellationToken);

    /// <summary>
    /// Applies a newer full list whose content is exactly the applied one's (same fingerprint) by moving the watermark:
    /// nothing else can change. Refused (false) unless the stored full list has that fingerprint and no delta was applied
    /// on top of it; the caller then reads and applies the file in full.
    /// </summary>
    public Task<bool> ApplyUnchangedFullAsync(
        string chainId, string storeId, string importId, DateTimeOffset fileAt, string fingerprint, CancellationToken cancellationToken = default) =>
        FeedWatermarks.MoveUnchangedFullAsync(dataSource, chainId, storeId, fileAt, importId, fingerprint, cancellationToken);

    /// <summary>
    /// Under the store's lock: a stale file writes nothing; a store's first list is copied straight into store_prices
    /// (nothing to compare with, and first sightings are baselines, not history); later files are staged and merged by
    /// set-based statements.
    /// </summary>
    private static async Task<PriceListApplyOutcome> ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, PriceListChange change, IReadOnlyCollection<PriceChangeRow> rows,
        CancellationToken cancellationToken)
    {
        var marks = await FeedWatermarks.LockAndReadAsync(connection, transaction, Family, change.ChainId, change.StoreId, Kinds, cancellationToken);
        if (IsStale(change, marks))
        {
            return PriceListApplyOutcome.Stale;
        }

        var (hasPrices, importSeq) = rows.Count > 0 ? await PrepareAsync(connection, transaction, change, cancellationToken) : (true, null);
        if (!hasPrices)
        {
            await PriceStaging.CopyFirstListAsync(connection, change, importSeq, rows, cancellationToken);
            await using var mark = new NpgsqlBatch(connection, transaction) { BatchCommands = { Watermark(change) } };
            await mark.ExecuteNonQueryAsync(cancellationToken);
            return new PriceListApplyOutcome(ApplyStatus.Applied, rows.Count, 0, 0, mark.BatchCommands[0].RecordsAffected > 0);
        }

        if (rows.Count > 0)
        {
            await PriceStaging.StageAsync(connection, transaction, rows, cancellationToken);
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        var changes = new List<NpgsqlBatchCommand>();
        NpgsqlBatchCommand? prices = null;
        if (rows.Count > 0)
        {
            changes.Add(Statement(PriceListSql.RecordChanges, change));
            batch.BatchCommands.Add(changes[^1]);
            prices = Statement(PriceListSql.UpsertPrices, change);
            prices.Parameters.Add(Parameters.BigInt("first_import", importSeq));
            batch.BatchCommands.Add(prices);
        }

        NpgsqlBatchCommand? removed = null;
        if (change.Removed.Count > 0)
        {
            removed = Statement(PriceListSql.MarkRemoved, change);
            removed.Parameters.Add(Parameters.TextArray("removed", change.Removed));
            batch.BatchCommands.Add(removed);
        }

        var watermark = Watermark(change);
        batch.BatchCommands.Add(watermark);
        await batch.ExecuteNonQueryAsync(cancellationToken);

        var removedCount = removed?.RecordsAffected ?? 0;
        return new PriceListApplyOutcome(
            ApplyStatus.Applied,
            PricesWritten: prices?.RecordsAffected ?? 0,
            ChangesRecorded: changes.Sum(c => c.RecordsAffected) + removedCount,
            Removed: removedCount,
            WatermarkMoved: watermark.RecordsAffected > 0);
    }

    private static NpgsqlBatchCommand Watermark(PriceListChange change) =>
        FeedWatermarks.Move(
            change.ChainId, change.StoreId, change.Kind.ToString(), change.FileAt, change.ImportId, change.Content?.Fingerprint, change.Content?.Rows ?? 0);

    private static async Task<(bool HasPrices, long? ImportSeq)> PrepareAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, PriceListChange change, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(PriceListSql.Prepare, connection, transaction)
        {
            Parameters = { Parameters.Text("chain", change.ChainId), Parameters.Text("store", change.StoreId), Parameters.Text("import", change.ImportId) },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetBoolean(0), reader.IsDBNull(1) ? null : reader.GetInt64(1));
    }

    private static bool IsStale(PriceListChange change, Dictionary<string, FeedWatermark> marks)
    {
        var full = marks.GetValueOrDefault(Kinds[0]);
        if (full is null)
        {
            return false;
        }

        return change.Kind == PriceFileKind.PriceFull ? change.FileAt <= full.FileAt : change.FileAt < full.FileAt;
    }

    private static NpgsqlBatchCommand Statement(string sql, PriceListChange change) =>
        new(sql)
        {
            Parameters =
            {
                Parameters.Text("chain", change.ChainId), Parameters.Text("store", change.StoreId),
                Parameters.Text("import", change.ImportId), Parameters.Instant("file_at", change.FileAt),
            },
        };
}
