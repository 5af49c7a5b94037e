using Gogobe.Storage.Sql;
using Npgsql;

namespace Gogobe.Storage.Watches;

/// <summary>
/// The product side of watches: a product's watches, and their new state written in one transaction with the notices
/// they fired (<c>watch_notifications</c>, one per watch and change: a change handled twice adds nothing).
/// </summary>
public sealed class WatchOutbox(NpgsqlDataSource dataSource)
{
    public async Task<List<WatchRow>> ForProductAsync(string productKey, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(WatchSql.OfProduct);
        command.Parameters.Add(Parameters.Text("product", productKey));
        return await WatchColumns.ReadAsync(command, cancellationToken);
    }

    /// <summary>Writes every update and its notice; returns how many notices were new.</summary>
    public Task<int> SaveAsync(IReadOnlyList<WatchUpdate> updates, CancellationToken cancellationToken = default)
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
                        Parameters.BigInt("watch", update.WatchId), Parameters.Numeric("reference", update.ReferencePrice),
                        Parameters.TextArray("known", [.. update.KnownPromotions]), Parameters.Boolean("notified", update.Notice is not null),
                    },
                });
                if (update.Notice is { } notice)
                {
                    batch.BatchCommands.Add(new NpgsqlBatchCommand(WatchSql.Notice)
                    {
                        Parameters =
                        {
                            Parameters.BigInt("watch", update.WatchId), Parameters.Text("change", notice.ChangeId), Parameters.Text("import", notice.ImportId),
                            Parameters.Text("chain", notice.ChainId), Parameters.Text("store", notice.StoreId), Parameters.Numeric("price", notice.Price),
                            Parameters.Numeric("reference", notice.ReferencePrice), Parameters.TextArray("promotions", [.. notice.Promotions]),
                        },
                    });
                }
            }

            await batch.ExecuteNonQueryAsync(token);
            return batch.BatchCommands.Cast<NpgsqlBatchCommand>().Where(c => c.CommandText == WatchSql.Notice).Sum(c => c.RecordsAffected);
        }, cancellationToken);
    }
}
