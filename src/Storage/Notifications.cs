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
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!await connection.WaitAsync(check, cancellationToken))
            {
                await using var alive = new NpgsqlCommand("SELECT 1", connection);
                await alive.ExecuteScalarAsync(cancellationToken);
            }
        }
    }
}
