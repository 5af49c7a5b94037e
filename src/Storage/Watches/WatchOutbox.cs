using Gogobe.Storage.Sql;
using Npgsql;
using NpgsqlTypes;

namespace Gogobe.Storage.Watches;

/// <summary>
/// The product side of watches: a product's watches, and their new state written in one transaction with the notices
/// they fired (<c>watch_notifications</c>, one per watch and change: a change handled twice adds nothing). Watch grains
/// run these at every run of changes, so they are prepared, once per pooled connection; the writes of many grains' runs
/// can go in one transaction.
/// </summary>
public sealed class WatchOutbox(NpgsqlDataSource dataSource)
{
    public async Task<List<WatchRow>> ForProductAsync(string productKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(WatchSql.OfProduct, connection) { Parameters = { Parameters.Positional(NpgsqlDbType.Text, productKey) } };
        await command.PrepareAsync(cancellationToken);
        return await WatchColumns.ReadAsync(command, cancellationToken);
    }

    /// <summary>
    /// Writes every update and its notice; returns how many notices were new. <paramref name="runStartedAt"/> is when the
    /// grain began the run of changes that fired them, kept with each notice beside when its change was taken from the
    /// broker (<see cref="WatchNotice.ChangeTakenAt"/>).
    /// </summary>
    public async Task<int> SaveAsync(IReadOnlyList<WatchUpdate> updates, DateTimeOffset? runStartedAt = null, CancellationToken cancellationToken = default) =>
        (await SaveRunsAsync([new RunWrite(updates, runStartedAt)], cancellationToken))[0];

    /// <summary>The writes of many grains' runs in one transaction (each run's all or nothing with it); how many notices each run added, in order.</summary>
    public Task<IReadOnlyList<int>> SaveRunsAsync(IReadOnlyList<RunWrite> runs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return runs.All(r => r.Updates.Count == 0) ? Task.FromResult<IReadOnlyList<int>>(new int[runs.Count]) : Transactions.RunAsync(dataSource, async (connection, transaction, token) =>
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            var notices = new List<NpgsqlBatchCommand>[runs.Count];
            for (var i = 0; i < runs.Count; i++)
            {
                notices[i] = [];
                foreach (var update in runs[i].Updates)
                {
                    batch.BatchCommands.Add(Update(update));
                    if (update.Notice is { } notice)
                    {
                        var insert = Notice(update.WatchId, notice, runs[i].RunStartedAt);
                        batch.BatchCommands.Add(insert);
                        notices[i].Add(insert);
                    }
                }
            }

            await batch.PrepareAsync(token);
            await batch.ExecuteNonQueryAsync(token);
            return (IReadOnlyList<int>)Array.ConvertAll(notices, n => n.Sum(c => c.RecordsAffected));
        }, cancellationToken);
    }

    private static NpgsqlBatchCommand Update(WatchUpdate update) => new(WatchSql.Update)
    {
        Parameters =
        {
            Parameters.Positional(NpgsqlDbType.Bigint, update.WatchId), Parameters.Positional(NpgsqlDbType.Numeric, update.ReferencePrice),
            Parameters.Positional(NpgsqlDbType.Array | NpgsqlDbType.Text, update.KnownPromotions.ToArray()),
            Parameters.Positional(NpgsqlDbType.Boolean, update.Notice is not null),
        },
    };

    private static NpgsqlBatchCommand Notice(long watchId, WatchNotice notice, DateTimeOffset? runStartedAt) => new(WatchSql.Notice)
    {
        Parameters =
        {
            Parameters.Positional(NpgsqlDbType.Bigint, watchId), Parameters.Positional(NpgsqlDbType.Text, notice.ChangeId),
            Parameters.Positional(NpgsqlDbType.Text, notice.ImportId), Parameters.Positional(NpgsqlDbType.Text, notice.ChainId),
            Parameters.Positional(NpgsqlDbType.Text, notice.StoreId), Parameters.Positional(NpgsqlDbType.Numeric, notice.Price),
            Parameters.Positional(NpgsqlDbType.Numeric, notice.ReferencePrice),
            Parameters.Positional(NpgsqlDbType.Array | NpgsqlDbType.Text, notice.Promotions.ToArray()),
            Parameters.Positional(NpgsqlDbType.TimestampTz, notice.ChangeTakenAt?.ToUniversalTime()),
            Parameters.Positional(NpgsqlDbType.TimestampTz, runStartedAt?.ToUniversalTime()),
        },
    };
}

/// <summary>What one run of a watch grain writes: the watches whose state moved, with their notices, and when the run began.</summary>
public sealed record RunWrite(IReadOnlyList<WatchUpdate> Updates, DateTimeOffset? RunStartedAt);
