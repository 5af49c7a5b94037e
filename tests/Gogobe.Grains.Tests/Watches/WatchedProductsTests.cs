using Gogobe.Grains.Tests.Streams;
using Gogobe.Silo.Streams;
using Gogobe.Storage.Watches;
using Gogobe.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;

namespace Gogobe.Grains.Tests.Watches;

/// <summary>
/// The silos' set of watched products over real PostgreSQL (a new watch is known from its commit's notification, a
/// deleted one forgotten at the next reload, every product "maybe" until loaded), and the change streams with it: a
/// change of an unwatched product reaches no follower, a watched one does.
/// </summary>
public sealed class WatchedProductsTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly TestDatabase database = new();

    public Task InitializeAsync() => database.InitializeAsync();

    public Task DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task A_new_watch_is_known_from_its_notification_and_an_unwatched_product_only_once_loaded()
    {
        var before = await CreateAsync("7290000000101");
        using var watched = Filter(TimeSpan.FromHours(1));
        Assert.True(watched.MayBeWatched("7290000000199"), "an unloaded set must not drop any product");

        await watched.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => Task.FromResult(watched.Ready), Timeout, () => "the set never loaded");
        Assert.True(watched.MayBeWatched(before.Definition.ProductKey));
        Assert.False(watched.MayBeWatched("7290000000199"));

        await CreateAsync("7290000000199");
        await Eventually.TrueAsync(() => Task.FromResult(watched.MayBeWatched("7290000000199")), Timeout, () => "the new watch's product was not announced");
        await watched.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_product_whose_watches_were_deleted_is_forgotten_at_the_next_reload()
    {
        var watch = await CreateAsync("7290000000102");
        using var watched = Filter(TimeSpan.FromSeconds(1));
        await watched.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => Task.FromResult(watched.Ready && watched.MayBeWatched(watch.Definition.ProductKey)), Timeout, () => "the set never loaded");

        Assert.True(await new WatchStore(database.DataSource).DeleteAsync(watch.WatchId, "dana"));

        await Eventually.TrueAsync(() => Task.FromResult(!watched.MayBeWatched(watch.Definition.ProductKey)), Timeout, () => "the deleted watch's product is still followed");
        await watched.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Streams_of_watched_products_only_bring_the_watched_products_change_and_drop_the_others()
    {
        await using var cluster = new ChangeStreamCluster { OnlyWatchedProducts = true };
        await cluster.InitializeAsync();
        var store = Guid.NewGuid().ToString("N")[..8];
        var (watchedKey, otherKey) = ($"w1-{store}", $"n1-{store}");
        await new WatchStore(cluster.Database.DataSource).CreateAsync("dana", Definition(watchedKey), 1000);
        var filters = cluster.Silos.GetActiveSilos().Cast<InProcessSiloHandle>().Select(s => s.SiloHost.Services.GetRequiredService<WatchedProducts>()).ToList();
        await Eventually.TrueAsync(
            () => Task.FromResult(filters.All(f => f.Ready && f.MayBeWatched(watchedKey))), Timeout, () => "a silo does not know the watched product");

        var events = await cluster.PublishPricesAsync("7290000000001", store, [watchedKey, otherKey]);
        await cluster.AllDeliveredAsync([events[0]], Timeout);
        await Eventually.TrueAsync(async () => await cluster.AckPendingAsync() == 0, Timeout, () => "the change was left unacknowledged");

        Assert.Equal(1, await cluster.EffectsAsync(watchedKey));
        Assert.Equal(0, await cluster.EffectsAsync(otherKey));
        Assert.DoesNotContain(events[1], (await cluster.DeliveriesAsync()).Keys);
    }

    private WatchedProducts Filter(TimeSpan reload) =>
        new(database.DataSource, Options.Create(new ChangeStreamOptions { WatchedReload = reload }), NullLogger<WatchedProducts>.Instance);

    private async Task<WatchRow> CreateAsync(string productKey) =>
        (await new WatchStore(database.DataSource).CreateAsync("dana", Definition(productKey), 1000))!;

    private static WatchDefinition Definition(string productKey) =>
        new(productKey, [], [], null, null, null, WatchCondition.Below, 10m, "http://127.0.0.1:9/hooks/", null);
}
