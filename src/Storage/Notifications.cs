using Npgsql;

namespace Gogobe.Storage;

/// <summary>PostgreSQL's LISTEN/NOTIFY for loops that wait for work in a table instead of looking at it on a timer.</summary>
public static class Notifications
{
    /// <summary>
    /// Listens on <paramref name="channel"/> over a connection of its own and calls <paramref name="notified"/> with each
    /// payload until cancelled or the connection fails (which throws); <paramref name="listening"/> is called once the
    /// listen took effect. Every <paramref name="check"/> without a notification it asks the server something, so a dead
    /// connection is found out.
    /// </summary>
    public static async Task ListenAsync(
        NpgsqlDataSource dataSource, string channel, Action<string> notified, Action listening, TimeSpan check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(notified);
        ArgumentNullException.ThrowIfNull(listening);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        connection.Notification += (_, e) => notified(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken);
        }

        listening();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (!await connection.WaitAsync(check, cancellationToken))
                {
                    await using var alive = new NpgsqlCommand("SELECT 1", connection);
                    await alive.ExecuteScalarAsync(cancellationToken);
                }
            }
        }
        finally
        {
            await UnlistenAsync(connection);
        }
    }

    /// <summary>
    /// Ends the LISTENs of a connection about to go back to the pool, which does not reset connections: one left
    /// listening would take notifications nobody reads. A broken connection is not pooled again and is left as it is.
    /// </summary>
    public static async Task UnlistenAsync(NpgsqlConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.FullState != System.Data.ConnectionState.Open)
        {
            return;
        }

        try
        {
            await using var unlisten = new NpgsqlCommand("UNLISTEN *", connection);
            await unlisten.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // The connection broke meanwhile: it is not pooled again.
        }
    }

    /// <summary>
    /// How long a listening loop with nothing to do sleeps unless notified: until <paramref name="due"/> (the next work it
    /// knows of; none: <paramref name="most"/>), at least <paramref name="least"/> and at most <paramref name="most"/>.
    /// </summary>
    public static TimeSpan IdleWait(TimeSpan? due, TimeSpan least, TimeSpan most)
    {
        var wait = due ?? most;
        return wait < least ? least : wait > most ? most : wait;
    }

    /// <summary>
    /// Runs <paramref name="listen"/> (which ends only by failing) again after <paramref name="retry"/> until cancelled:
    /// <paramref name="listened"/> once each listen took effect, <paramref name="lost"/> whenever one ended, and
    /// <paramref name="failed"/> with the count and reason at the first failure and every 30th after it.
    /// </summary>
    public static async Task KeepListeningAsync(
        Func<Action, CancellationToken, Task> listen, Action listened, Action lost, Action<int, string> failed, TimeSpan retry, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(listened);
        ArgumentNullException.ThrowIfNull(lost);
        ArgumentNullException.ThrowIfNull(failed);
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await listen(
                    () =>
                    {
                        failures = 0;
                        listened();
                    },
                    cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
            {
                if (failures++ % 30 == 0)
                {
                    failed(failures, ex.Message);
                }
            }
            finally
            {
                lost();
            }

            await Task.Delay(retry, clock, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
