using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gogobe.Silo.Streams;

/// <summary>
/// The products somebody watches, kept in memory by every silo so that the change streams drop the events of the others
/// before a watch grain activates for them (<see cref="ChangeStreamOptions.OnlyWatchedProducts"/>). It listens on
/// PostgreSQL's <c>gogobe_watched_products</c> channel (a trigger on <c>watches</c> names the product of each new watch
/// at its commit), then loads the set; it reloads it every <see cref="ChangeStreamOptions.WatchedReload"/> (forgetting
/// products whose watches were all deleted) and after a lost connection. Until it is listening and loaded it answers
/// "maybe" for every product, so an event is never dropped for a watch it could not know of.
/// </summary>
public sealed partial class WatchedProducts(NpgsqlDataSource dataSource, IOptions<ChangeStreamOptions> options, ILogger<WatchedProducts> logger) : BackgroundService
{
    public const string Channel = "gogobe_watched_products";
    private const string LoadSql = "SELECT DISTINCT product_key FROM watches";
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    private volatile ConcurrentDictionary<string, byte> known = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, byte>? loading;
    private volatile bool ready;

    /// <summary>The filter is listening and loaded: <see cref="MayBeWatched"/> answers from the set, not "maybe".</summary>
    public bool Ready => ready;

    /// <summary>Products in the set (tests and metrics).</summary>
    public int Count => known.Count;

    /// <summary>False only when the product is known to have no watch.</summary>
    public bool MayBeWatched(string productKey) => !ready || known.ContainsKey(productKey);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.OnlyWatchedProducts)
        {
            return;
        }

        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await FollowAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is not OutOfMemoryException)
            {
                ready = false;
                if (failures++ % 30 == 0)
                {
                    LogFailed(logger, failures, ex.Message);
                }

                await Task.Delay(RetryAfter, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            finally
            {
                ready = false;
            }
        }
    }

    /// <summary>
    /// Listens, loads, then waits for notifications, reloading now and then. Notifications are raised on this loop's own
    /// awaits on the connection (the load runs on it too), so one arriving while the set loads lands in the new set.
    /// </summary>
    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        connection.Notification += (_, e) =>
        {
            known.TryAdd(e.Payload, 0);
            loading?.TryAdd(e.Payload, 0);
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken);
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            await LoadAsync(connection, cancellationToken);
            var due = DateTimeOffset.UtcNow + options.Value.WatchedReload;
            for (var left = options.Value.WatchedReload; left > TimeSpan.Zero; left = due - DateTimeOffset.UtcNow)
            {
                await connection.WaitAsync(left, cancellationToken);
            }
        }
    }

    private async Task LoadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var fresh = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        loading = fresh;
        try
        {
            await using var command = new NpgsqlCommand(LoadSql, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                fresh.TryAdd(reader.GetString(0), 0);
            }
        }
        finally
        {
            loading = null;
        }

        var first = !ready;
        known = fresh;
        ready = true;
        if (first)
        {
            LogLoaded(logger, fresh.Count);
        }
    }

    [LoggerMessage(EventId = 1711, Level = LogLevel.Information, Message = "Change streams follow the {Products} watched products only")]
    private static partial void LogLoaded(ILogger logger, int products);

    [LoggerMessage(EventId = 1712, Level = LogLevel.Warning, Message = "Cannot follow the watched products ({Failures} failures): {Error}; every product's changes go to the streams meanwhile")]
    private static partial void LogFailed(ILogger logger, int failures, string error);
}
