using System.Diagnostics;
using System.Diagnostics.Metrics;
using Gogobe.Gateway.Caching;
using Gogobe.Storage;
using Gogobe.Storage.Products;
using Microsoft.Extensions.Options;

namespace Gogobe.Gateway.Search;

/// <summary>
/// Keeps <see cref="Current"/>, the <see cref="ProductIndex"/> of the whole catalogue: reads every product at start,
/// then the products changed since its last read (every <see cref="ProductIndexOptions.RefreshInterval"/>, or at once
/// when <see cref="Prompt"/> says prices changed), and builds a new index when a name or fact changed. Null until the
/// first read, when disabled, or when the catalogue outgrows <see cref="ProductIndexOptions.MaxProducts"/>: search
/// then asks PostgreSQL.
/// </summary>
public sealed partial class ProductIndexKeeper : BackgroundService
{
    private readonly ProductNames names;
    private readonly ProductIndexOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger<ProductIndexKeeper> logger;
    private readonly Wakeup prompted = new();
    private readonly Dictionary<string, ProductNameRow> rows = new(StringComparer.Ordinal);
    private ProductIndex? current;
    private TimeSpan lastBuild;

    public ProductIndexKeeper(ProductNames names, IOptions<ProductIndexOptions> options, TimeProvider clock, IMeterFactory meters, ILogger<ProductIndexKeeper> logger)
    {
        this.names = names;
        this.options = options.Value;
        this.clock = clock;
        this.logger = logger;
        var meter = meters.Create(QueryCache.MeterName);
        meter.CreateObservableGauge("gogobe.gateway.search.index.products", () => Current?.Count ?? 0, "{product}", "Products in the gateway's search index (0: search asks PostgreSQL)");
        meter.CreateObservableGauge("gogobe.gateway.search.index.bytes", () => Current?.ApproximateBytes ?? 0, "By", "Estimated memory of the gateway's search index");
    }

    /// <summary>The index, or null when search must ask PostgreSQL.</summary>
    public ProductIndex? Current => Volatile.Read(ref current);

    /// <summary>The database's clock at the start of the last completed read of products, or null before the first.</summary>
    public DateTimeOffset? LastReadAt { get; private set; }

    /// <summary>Asks for a read of changed products now (after an import changed prices, its new products are stored).</summary>
    public void Prompt() => prompted.Raise();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        DateTimeOffset? readAt = null;
        var loadedAt = clock.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (readAt is null || clock.GetElapsedTime(loadedAt) >= options.FullReloadInterval)
                {
                    var all = await names.AllAsync(stoppingToken);
                    rows.Clear();
                    foreach (var row in all.Rows)
                    {
                        rows[row.Key] = row;
                    }

                    Rebuild("loaded");
                    readAt = LastReadAt = all.ReadAt;
                    loadedAt = clock.GetTimestamp();
                }
                else
                {
                    var changed = await names.ChangedSinceAsync(readAt.Value - options.Overlap, stoppingToken);
                    var count = 0;
                    foreach (var row in changed.Rows)
                    {
                        if (!rows.TryGetValue(row.Key, out var known) || known != row)
                        {
                            rows[row.Key] = row;
                            count++;
                        }
                    }

                    if (count > 0)
                    {
                        Rebuild($"{count} changed");
                    }

                    readAt = LastReadAt = changed.ReadAt;
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is not OutOfMemoryException)
            {
                LogReadFailed(ex);
            }

            try
            {
                // Rebuilding takes at most a fifth of a core, however many imports prompt it.
                var pause = TimeSpan.FromTicks(Math.Max(options.MinRefreshInterval.Ticks, lastBuild.Ticks * 4));
                await Task.Delay(pause, clock, stoppingToken);
                await prompted.WaitAsync(pause < options.RefreshInterval ? options.RefreshInterval - pause : TimeSpan.Zero, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private void Rebuild(string reason)
    {
        if (rows.Count > options.MaxProducts)
        {
            LogTooLarge(rows.Count, options.MaxProducts);
            Volatile.Write(ref current, null);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var index = ProductIndex.Build(rows.Values);
        Volatile.Write(ref current, index);
        lastBuild = Stopwatch.GetElapsedTime(started);
        LogBuilt(index.Count, index.MasterCount, index.WordCount, index.ApproximateBytes / (1024.0 * 1024.0), lastBuild.TotalMilliseconds, reason);
    }

    public override void Dispose()
    {
        prompted.Dispose();
        base.Dispose();
    }

    [LoggerMessage(EventId = 3401, Level = LogLevel.Information, Message = "Search index of {Products} products in {Masters} master products ({Words} distinct words, about {Megabytes:F1} MB) built in {Milliseconds:F0} ms ({Reason})")]
    private partial void LogBuilt(int products, int masters, int words, double megabytes, double milliseconds, string reason);

    [LoggerMessage(EventId = 3402, Level = LogLevel.Warning, Message = "Could not read the products for the search index; search keeps the index it has (or asks PostgreSQL) and tries again")]
    private partial void LogReadFailed(Exception exception);

    [LoggerMessage(EventId = 3403, Level = LogLevel.Warning, Message = "The catalogue has {Products} products, more than ProductIndex:MaxProducts ({Max}): search asks PostgreSQL")]
    private partial void LogTooLarge(int products, int max);
}
