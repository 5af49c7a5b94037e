using Gogobe.Testing;
using Npgsql;

namespace Gogobe.Storage.Tests;

/// <summary>
/// How long a listening loop with nothing to do sleeps (the geocoding drain and the alert senders share it), and what a
/// listener leaves on the connection it gives back to a pool that does not reset connections.
/// </summary>
public sealed class NotificationsTests
{
    private static readonly TimeSpan Least = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Most = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(null, 30.0)]
    [InlineData(12.5, 12.5)]
    [InlineData(0.2, 1.0)]
    [InlineData(-5.0, 1.0)]
    [InlineData(3600.0, 30.0)]
    public void An_idle_loop_sleeps_until_its_next_work_within_its_bounds(double? dueSeconds, double sleepsSeconds)
    {
        var due = dueSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        Assert.Equal(TimeSpan.FromSeconds(sleepsSeconds), Notifications.IdleWait(due, Least, Most));
    }

    [Fact]
    public async Task A_listener_that_stops_gives_its_connection_back_listening_to_nothing()
    {
        // One connection in the pool, not reset when given back, as the hosts configure it: the next user gets the listener's.
        await using var pool = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(Servers.Postgres) { MaxPoolSize = 1, NoResetOnClose = true }.ConnectionString);
        using var stop = new CancellationTokenSource();
        var listened = new TaskCompletionSource();
        var listening = Notifications.ListenAsync(pool, "gogobe_test_channel", _ => { }, listened.SetResult, TimeSpan.FromSeconds(30), stop.Token);
        await listened.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await using (var during = new NpgsqlConnection(Servers.Postgres))
        {
            await during.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE query = 'LISTEN gogobe_test_channel'", during);
            Assert.True((long)(await count.ExecuteScalarAsync())! >= 1, "the listener's LISTEN is not the last statement of any session");
        }

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listening);

        await using var next = await pool.OpenConnectionAsync();
        await using var channels = new NpgsqlCommand("SELECT count(*) FROM pg_listening_channels()", next);
        Assert.Equal(0L, await channels.ExecuteScalarAsync());
    }
}
