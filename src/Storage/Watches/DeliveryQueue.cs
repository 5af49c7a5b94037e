using Gogobe.Storage.Sql;
using Npgsql;

namespace Gogobe.Storage.Watches;

/// <summary>
/// The sender's side of the outbox: turns waiting notices into messages (<c>watch_deliveries</c>) in the transaction that
/// marks them taken, leases due messages for an attempt, and records each attempt's outcome.
/// </summary>
public sealed class DeliveryQueue(NpgsqlDataSource dataSource)
{
    /// <summary>The channel an insert into the outbox notifies at its commit: payload <see cref="NoticesAdded"/> or <see cref="DeliveriesAdded"/>.</summary>
    public const string Channel = "gogobe_outbox";

    public const string NoticesAdded = "notices";

    public const string DeliveriesAdded = "deliveries";

    /// <summary>
    /// Listens on <see cref="Channel"/> and calls <paramref name="notified"/> with each payload until cancelled or the
    /// connection fails (which throws); <paramref name="listening"/> is called once the listen took effect. Every
    /// <paramref name="check"/> without a notification it asks the server something, so a dead connection is found out.
    /// </summary>
    public Task ListenAsync(Action<string> notified, Action listening, TimeSpan check, CancellationToken cancellationToken) =>
        Notifications.ListenAsync(dataSource, Channel, notified, listening, check, cancellationToken);

    /// <summary>
    /// How long until a digest is due: the oldest waiting notice has waited <paramref name="window"/>, or a user has
    /// <paramref name="most"/> notices waiting (zero or less: one is due now); null when no notice waits.
    /// </summary>
    public Task<TimeSpan?> NextDigestInAsync(TimeSpan window, int most, CancellationToken cancellationToken = default) =>
        SecondsAsync(DeliverySql.NextDigest, cancellationToken, Parameters.Double("window", window.TotalSeconds), Parameters.Integer("most", most));

    /// <summary>How long until the next pending message is due (a retry's wait, or the lease of one being sent, ends); null when none is pending.</summary>
    public Task<TimeSpan?> NextAttemptInAsync(CancellationToken cancellationToken = default) =>
        SecondsAsync(DeliverySql.NextAttempt, cancellationToken);

    /// <summary>
    /// Takes the waiting notices of up to <paramref name="users"/> users whose oldest notice is at least
    /// <paramref name="window"/> old or who have <paramref name="most"/> waiting (at most <paramref name="most"/> of each
    /// user, the oldest), and stores the messages <paramref name="compose"/> makes of them; returns how many users' notices it took.
    /// </summary>
    public Task<int> DigestAsync(
        TimeSpan window, int users, int most, Func<IReadOnlyList<WaitingNotice>, IReadOnlyList<OutgoingMessage>> compose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(compose);
        ArgumentOutOfRangeException.ThrowIfLessThan(most, 1);
        return Transactions.RunAsync(dataSource, async (connection, transaction, token) =>
        {
            var waiting = new List<WaitingNotice>();
            await using (var command = new NpgsqlCommand(DeliverySql.Waiting, connection, transaction))
            {
                command.Parameters.Add(Parameters.Double("window", window.TotalSeconds));
                command.Parameters.Add(Parameters.Integer("users", users));
                command.Parameters.Add(Parameters.Integer("most", most));
                await using var reader = await command.ExecuteReaderAsync(token);
                while (await reader.ReadAsync(token))
                {
                    waiting.Add(new WaitingNotice(
                        reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                        reader.GetStringOrNull(6), Enum.Parse<WatchCondition>(reader.GetString(7), ignoreCase: true), reader.GetDecimalOrNull(8),
                        reader.GetStringOrNull(9), reader.GetStringOrNull(10), reader.GetDecimalOrNull(11), reader.GetDecimalOrNull(12),
                        reader.GetFieldValue<string[]>(13), reader.GetStringOrNull(14), reader.GetStringOrNull(15), reader.GetInstant(16)));
                }
            }

            if (waiting.Count == 0)
            {
                return 0;
            }

            var messages = compose(waiting);
            await using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(new NpgsqlBatchCommand(DeliverySql.Digested) { Parameters = { Parameters.BigIntArray("ids", waiting.ConvertAll(n => n.NotificationId)) } });
            foreach (var message in messages)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(DeliverySql.Insert)
                {
                    Parameters =
                    {
                        Parameters.Text("user", message.UserId), Parameters.Text("channel", message.Channel), Parameters.Text("target", message.Target),
                        Parameters.Uuid("key", message.IdempotencyKey), Parameters.Jsonb("body", message.Body),
                    },
                });
            }

            await batch.ExecuteNonQueryAsync(token);
            return waiting.Select(n => n.UserId).Distinct(StringComparer.Ordinal).Count();
        }, cancellationToken);
    }

    /// <summary>Leases up to <paramref name="limit"/> due messages for <paramref name="lease"/> and counts an attempt on each.</summary>
    public async Task<List<DueDelivery>> ClaimAsync(int limit, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(DeliverySql.Claim);
        command.Parameters.Add(Parameters.Integer("limit", limit));
        command.Parameters.Add(Parameters.Double("lease", lease.TotalSeconds));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var due = new List<DueDelivery>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var message = new OutgoingMessage(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetGuid(4), reader.GetString(5));
            due.Add(new DueDelivery(message, reader.GetInt64(0), reader.GetInt32(6), reader.GetString(7)));
        }

        return due;
    }

    /// <summary>Records the deliveries as sent (one statement for a round's worth).</summary>
    public async Task SentAsync(IReadOnlyCollection<long> deliveryIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deliveryIds);
        if (deliveryIds.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand(DeliverySql.Sent);
        command.Parameters.Add(Parameters.BigIntArray("deliveries", deliveryIds));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Hands leased deliveries back unattempted: due at once, their attempt not counted.</summary>
    public async Task ReleaseAsync(IReadOnlyCollection<long> deliveryIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deliveryIds);
        await using var command = dataSource.CreateCommand(DeliverySql.Release);
        command.Parameters.Add(Parameters.BigIntArray("deliveries", deliveryIds));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Keeps the error and makes the delivery due again after <paramref name="delay"/>.</summary>
    public Task RetryAsync(long deliveryId, TimeSpan delay, string error, CancellationToken cancellationToken = default) =>
        ExecuteAsync(DeliverySql.Retry, deliveryId, error, delay, cancellationToken);

    /// <summary>Gives the delivery up: the user lists it among the dead letters.</summary>
    public Task DeadAsync(long deliveryId, string error, CancellationToken cancellationToken = default) =>
        ExecuteAsync(DeliverySql.Dead, deliveryId, error, null, cancellationToken);

    private async Task ExecuteAsync(string sql, long deliveryId, string? error, TimeSpan? delay, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(Parameters.BigInt("delivery", deliveryId));
        if (error is not null)
        {
            command.Parameters.Add(Parameters.Text("error", error));
        }

        if (delay is { } wait)
        {
            command.Parameters.Add(Parameters.Double("delay", wait.TotalSeconds));
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<TimeSpan?> SecondsAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddRange(parameters);
        return await command.ExecuteScalarAsync(cancellationToken) is double seconds ? TimeSpan.FromSeconds(seconds) : null;
    }
}
