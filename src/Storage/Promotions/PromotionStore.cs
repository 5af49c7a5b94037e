using Gogobe.Storage.FeedState;
using Gogobe.Storage.Sql;
using Npgsql;

namespace Gogobe.Storage.Promotions;

/// <summary>
/// One store's promotions (<c>promotions</c>, <c>promotion_items</c>) and the watermarks of the promotion files applied
/// to it. Public and club-only promotions are kept apart by <see cref="StoredPromotion.IsClubOnly"/> and its club ids.
/// </summary>
public sealed class PromotionStore(NpgsqlDataSource dataSource)
{
    private const string Family = "promotions";
    private static readonly string[] Kinds = [nameof(PromotionFileKind.PromoFull), nameof(PromotionFileKind.Promo)];

    /// <summary>The store's promotions that have not ended at <paramref name="at"/> (running or upcoming), with their items.</summary>
    public async Task<PromotionSnapshot> LoadAsync(string chainId, string storeId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                LoadCommand(PromotionSql.LoadHeaders, chainId, storeId, at),
                LoadCommand(PromotionSql.LoadItems, chainId, storeId, at),
                FeedWatermarks.Read(chainId, storeId, Kinds),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var headers = new List<StoredPromotion>();
        while (await reader.ReadAsync(cancellationToken))
        {
            headers.Add(PromotionReader.ReadHeader(reader));
        }

        await reader.NextResultAsync(cancellationToken);
        var items = headers.ToDictionary(h => h.PromotionId, _ => new List<StoredPromotionItem>(), StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!items.TryGetValue(reader.GetString(0), out var list))
            {
                continue;
            }

            list.Add(PromotionReader.ReadItem(reader, 1));
        }

        await reader.NextResultAsync(cancellationToken);
        var marks = await FeedWatermarks.ReadAllAsync(reader, cancellationToken);
        var promotions = headers.Select(h => h with { Items = items[h.PromotionId] }).ToList();
        return new PromotionSnapshot(chainId, storeId, promotions, marks.GetValueOrDefault(Kinds[0]), marks.GetValueOrDefault(Kinds[1]));
    }

    /// <summary>
    /// Applies one promotion file in one transaction: a full file replaces the store's promotions (those missing from it
    /// are deleted with their items), a delta adds or replaces the promotions it lists. Only differing rows are written.
    /// Stale when a newer full file (or, for a full file, the same one) was already applied.
    /// </summary>
    public Task<PromotionApplyOutcome> ApplyAsync(PromotionChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Transactions.RunAsync(dataSource, (connection, transaction, ct) => ApplyAsync(connection, transaction, change, ct), cancellationToken);
    }

    /// <summary>Moves the kind's watermark to a file that changed nothing; writes nothing unless the file is newer.</summary>
    public Task<bool> MarkAppliedAsync(
        string chainId, string storeId, PromotionFileKind kind, string importId, DateTimeOffset fileAt, CancellationToken cancellationToken = default) =>
        FeedWatermarks.MoveAsync(dataSource, chainId, storeId, kind.ToString(), fileAt, importId, null, 0, cancellationToken);

    private static async Task<PromotionApplyOutcome> ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, PromotionChange change, CancellationToken cancellationToken)
    {
        var marks = await FeedWatermarks.LockAndReadAsync(connection, transaction, Family, change.ChainId, change.StoreId, Kinds, cancellationToken);
        var full = marks.GetValueOrDefault(Kinds[0]);
        if (full is not null && (change.FileAt < full.FileAt ||
            (change.Kind == PromotionFileKind.PromoFull && change.FileAt == full.FileAt && change.ImportId == full.ImportId)))
        {
            return PromotionApplyOutcome.Stale;
        }

        var isFull = change.Kind == PromotionFileKind.PromoFull;
        var promotions = PromotionStaging.Distinct(change.Promotions);
        var staged = promotions.Count > 0 || isFull;
        if (staged)
        {
            await PromotionStaging.StageAsync(connection, transaction, promotions, cancellationToken);
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(FeedWatermarks.RecordChain(change.ChainId));
        var orphaned = isFull ? Add(batch, PromotionSql.DeleteMissingItemsOfMissing, change) : null;
        var deleted = isFull ? Add(batch, PromotionSql.DeleteMissing, change) : null;
        var headers = staged ? Add(batch, PromotionSql.UpsertHeaders, change) : null;
        var itemsDeleted = staged ? Add(batch, PromotionSql.DeleteMissingItems, change) : null;
        var items = staged ? Add(batch, PromotionSql.UpsertItems, change) : null;
        var watermark = FeedWatermarks.Move(change.ChainId, change.StoreId, change.Kind.ToString(), change.FileAt, change.ImportId);
        batch.BatchCommands.Add(watermark);
        await batch.ExecuteNonQueryAsync(cancellationToken);

        return new PromotionApplyOutcome(
            ApplyStatus.Applied,
            PromotionsWritten: headers?.RecordsAffected ?? 0,
            PromotionsRemoved: deleted?.RecordsAffected ?? 0,
            ItemsWritten: items?.RecordsAffected ?? 0,
            ItemsRemoved: (itemsDeleted?.RecordsAffected ?? 0) + (orphaned?.RecordsAffected ?? 0),
            WatermarkMoved: watermark.RecordsAffected > 0);
    }

    private static NpgsqlBatchCommand Add(NpgsqlBatch batch, string sql, PromotionChange change)
    {
        var command = new NpgsqlBatchCommand(sql)
        {
            Parameters =
            {
                Parameters.Text("chain", change.ChainId), Parameters.Text("store", change.StoreId),
                Parameters.Instant("file_at", change.FileAt),
            },
        };
        batch.BatchCommands.Add(command);
        return command;
    }

    private static NpgsqlBatchCommand LoadCommand(string sql, string chainId, string storeId, DateTimeOffset at) =>
        new(sql) { Parameters = { Parameters.Text("chain", chainId), Parameters.Text("store", storeId), Parameters.Instant("at", at) } };
}
