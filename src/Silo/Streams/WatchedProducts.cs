using System.Collections.Concurrent;
using System.Collections.Frozen;
using Gogobe.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gogobe.Silo.Streams;

/// <summary>
/// The products somebody watches, and for each the stores its watches can see, kept in memory by every silo so that the
/// change streams drop the events of the others before a watch grain activates for them
/// (<see cref="ChangeStreamOptions.OnlyWatchedProducts"/>): a product with a watch of every store (or bound only to a
/// place) sees every store; else it sees the chains and stores its watches name. It listens on PostgreSQL's
/// <c>gogobe_watched_products</c> channel (a trigger on <c>watches</c> names the product and scope of each new watch at
/// its commit; a payload of the product alone means every store), then loads the set; it reloads it every
/// <see cref="ChangeStreamOptions.WatchedReload"/> (forgetting products and scopes whose watches were deleted) and after
/// a lost connection. Until it is listening and loaded it answers "maybe" for every change, so an event is never
/// dropped for a watch it could not know of.
/// </summary>
public sealed partial class WatchedProducts(NpgsqlDataSource dataSource, IOptions<ChangeStreamOptions> options, ILogger<WatchedProducts> logger) : BackgroundService
{
    public const string Channel = "gogobe_watched_products";
    // Per product: whether a watch sees every store, else the chains and the stores (chain:store) its watches name.
    private const string LoadSql = """
        SELECT product_key, bool_or(cardinality(stores) = 0 AND cardinality(chains) = 0),
               array_agg(DISTINCT c) FILTER (WHERE c IS NOT NULL), array_agg(DISTINCT s) FILTER (WHERE s IS NOT NULL)
        FROM watches
        LEFT JOIN LATERAL unnest(CASE WHEN cardinality(stores) = 0 THEN chains END) c ON true
        LEFT JOIN LATERAL unnest(stores) s ON true
        GROUP BY product_key
        """;

    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan OneMillisecond = TimeSpan.FromMilliseconds(1);

    private volatile ConcurrentDictionary<string, WatchedScope> known = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, WatchedScope>? loading;
    private volatile bool ready;

    /// <summary>The filter is listening and loaded: <see cref="MayBeWatched(string)"/> answers from the set, not "maybe".</summary>
    public bool Ready => ready;

    /// <summary>Products in the set (tests and metrics).</summary>
    public int Count => known.Count;

    /// <summary>False only when the product is known to have no watch.</summary>
    public bool MayBeWatched(string productKey) => !ready || known.ContainsKey(productKey);

    /// <summary>False only when the product is known to have no watch that can see the store <paramref name="chainId"/>:<paramref name="storeId"/>.</summary>
    public bool MayBeWatched(string productKey, string chainId, string storeId) =>
        !ready || (known.TryGetValue(productKey, out var scope) && scope.Sees(chainId, storeId));

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
            var (product, scope) = WatchedScope.Parse(e.Payload);
            Add(known, product, scope);
            if (loading is { } fresh)
            {
                Add(fresh, product, scope);
            }
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await LoadAsync(connection, cancellationToken);
                var due = DateTimeOffset.UtcNow + options.Value.WatchedReload;
                // Whole milliseconds: Npgsql takes a wait of 0 ms as no time-out at all, which would stop the reloads.
                for (var left = options.Value.WatchedReload; left >= OneMillisecond; left = due - DateTimeOffset.UtcNow)
                {
                    await connection.WaitAsync(left, cancellationToken);
                }
            }
        }
        finally
        {
            await Notifications.UnlistenAsync(connection);
        }
    }

    private async Task LoadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var fresh = new ConcurrentDictionary<string, WatchedScope>(StringComparer.Ordinal);
        loading = fresh;
        try
        {
            await using var command = new NpgsqlCommand(LoadSql, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var scope = reader.GetBoolean(1)
                    ? WatchedScope.Everywhere
                    : new WatchedScope(false, Names(reader, 2), Names(reader, 3));
                Add(fresh, reader.GetString(0), scope);
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

    private static FrozenSet<string> Names(NpgsqlDataReader reader, int column) =>
        reader.IsDBNull(column) ? FrozenSet<string>.Empty : reader.GetFieldValue<string[]>(column).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Widens the product's scope by <paramref name="scope"/> (a scope never narrows until the next load).</summary>
    private static void Add(ConcurrentDictionary<string, WatchedScope> set, string product, WatchedScope scope) =>
        set.AddOrUpdate(product, scope, (_, current) => current.With(scope));

    [LoggerMessage(EventId = 1711, Level = LogLevel.Information, Message = "Change streams follow the {Products} watched products only")]
    private static partial void LogLoaded(ILogger logger, int products);

    [LoggerMessage(EventId = 1712, Level = LogLevel.Warning, Message = "Cannot follow the watched products ({Failures} failures): {Error}; every product's changes go to the streams meanwhile")]
    private static partial void LogFailed(ILogger logger, int failures, string error);
}
