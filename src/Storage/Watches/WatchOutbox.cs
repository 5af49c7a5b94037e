using Gogobe.Storage.Sql;
using Npgsql;
using NpgsqlTypes;

namespace Gogobe.Storage.Watches;

/// <summary>
/// The product side of watches: a product's watches, and their new state written in one transaction with the notices
/// they fired (<c>watch_notifications</c>, one per watch and change: a change handled twice adds nothing). A watch grain
/// runs these at every run of changes, so they are prepared, once per pooled connection.
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
    public Task<int> SaveAsync(IReadOnlyList<WatchUpdate> updates, DateTimeOffset? runStartedAt = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        return updates.Count == 0 ? Task.FromResult(0) : Transactions.RunAsync(dataSource, async (connection, transaction, token) =>
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var update in updates)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(WatchSql.Update)
                {
                    Parameters =
                    {
                        Parameters.Positional(NpgsqlDbType.Bigint, update.WatchId), Parameters.Positional(NpgsqlDbType.Numeric, update.ReferencePrice),
                        Parameters.Positional(NpgsqlDbType.Array | NpgsqlDbType.Text, update.KnownPromotions.ToArray()),
                        Parameters.Positional(NpgsqlDbType.Boolean, update.Notice is not null),
                    },
                });
                if (update.Notice is { } notice)
                {
                    batch.BatchCommands.Add(new NpgsqlBatchCommand(WatchSql.Notice)
                    {
                        Parameters =
                        {
                            Parameters.Positional(NpgsqlDbType.Bigint, update.WatchId), Parameters.Positional(NpgsqlDbType.Text, notice.ChangeId),
                            Parameters.Positional(NpgsqlDbType.Text, notice.ImportId), Parameters.Positional(NpgsqlDbType.Text, notice.ChainId),
                            Parameters.Positional(NpgsqlDbType.Text, notice.StoreId), Parameters.Positional(NpgsqlDbType.Numeric, notice.Price),
                            Parameters.Positional(NpgsqlDbType.Numeric, notice.ReferencePrice),
                            Parameters.Positional(NpgsqlDbType.Array | NpgsqlDbType.Text, notice.Promotions.ToArray()),
                            Parameters.Positional(NpgsqlDbType.TimestampTz, notice.ChangeTakenAt?.ToUniversalTime()),
                            Parameters.Positional(NpgsqlDbType.TimestampTz, runStartedAt?.ToUniversalTime()),
                        },
                    });
                }
            }

            await batch.PrepareAsync(token);
            await batch.ExecuteNonQueryAsync(token);
            return batch.BatchCommands.Cast<NpgsqlBatchCommand>().Where(c => c.CommandText == WatchSql.Notice).Sum(c => c.RecordsAffected);
        }, cancellationToken);
    }
}
