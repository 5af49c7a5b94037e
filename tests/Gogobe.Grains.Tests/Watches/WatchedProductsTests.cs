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
/// deleted one forgotten at the next reload, every product "maybe" until loaded, the stores each product's watches can
/// see), and the change streams with it: a change of an unwatched product, or in a store none of its watches sees,
/// reaches no follower; a watched one does.
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

    [Fact]
    public async Task A_product_sees_the_stores_its_watches_name_from_the_load_and_from_a_new_watchs_notification()
    {
        var (store, chain, everywhere) = ("7290000000103", "7290000000104", "7290000000105");
        await CreateAsync(store, stores: ["c1:s1", "c2:s9"]);
        await CreateAsync(chain, chains: ["c1"]);
        await CreateAsync(everywhere, chains: ["c1"]);
        await CreateAsync(everywhere);
        using var watched = Filter(TimeSpan.FromHours(1));
        await watched.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => Task.FromResult(watched.Ready), Timeout, () => "the set never loaded");

        Assert.True(watched.MayBeWatched(store, "c1", "s1"));
        Assert.True(watched.MayBeWatched(store, "c2", "s9"));
        Assert.False(watched.MayBeWatched(store, "c1", "s2"), "a store no watch of the product names");
        Assert.False(watched.MayBeWatched(store, "c2", "s1"), "a store of the same id in another chain");
        Assert.True(watched.MayBeWatched(chain, "c1", "s7"));
        Assert.False(watched.MayBeWatched(chain, "c2", "s7"), "a chain no watch of the product names");
        Assert.True(watched.MayBeWatched(everywhere, "c3", "s3"), "a product with a watch of every store");
        Assert.False(watched.MayBeWatched("7290000000199", "c1", "s1"), "an unwatched product");

        // A new watch widens its product's scope from its notification: a store, then a chain, then every store.
        await CreateAsync(store, stores: ["c3:s3"]);
        await Eventually.TrueAsync(() => Task.FromResult(watched.MayBeWatched(store, "c3", "s3")), Timeout, () => "the new store was not announced");
        Assert.True(watched.MayBeWatched(store, "c1", "s1"));
        Assert.False(watched.MayBeWatched(store, "c4", "s4"));
        await CreateAsync(store, chains: ["c4"]);
        await Eventually.TrueAsync(() => Task.FromResult(watched.MayBeWatched(store, "c4", "s4")), Timeout, () => "the new chain was not announced");
        Assert.False(watched.MayBeWatched(store, "c5", "s5"));
        await CreateAsync(store, latitude: 32.08, longitude: 34.78, radiusKm: 5);
        await Eventually.TrueAsync(() => Task.FromResult(watched.MayBeWatched(store, "c5", "s5")), Timeout, () => "a watch bound to a place only was not taken as every store");
        await watched.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_watch_naming_more_stores_than_a_notification_holds_is_stored_and_announced_as_every_store_until_the_reload()
    {
        var product = "7290000000106";
        using var watched = Filter(TimeSpan.FromHours(1));
        await watched.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => Task.FromResult(watched.Ready), Timeout, () => "the set never loaded");

        // 200 stores of 20-digit chains and stores (the most the gateway accepts) make a scope of about 8,800 bytes.
        var stores = Enumerable.Range(0, 200).Select(i => $"{7290000000000000000L + i}:{10000000000000000000UL + (ulong)i}").ToArray();
        await CreateAsync(product, stores: stores);
        await Eventually.TrueAsync(() => Task.FromResult(watched.MayBeWatched(product)), Timeout, () => "the watch was not announced");
        Assert.True(watched.MayBeWatched(product, "1", "1"), "a scope too long to announce must widen to every store");
        await watched.StopAsync(CancellationToken.None);

        using var reloaded = Filter(TimeSpan.FromHours(1));
        await reloaded.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => Task.FromResult(reloaded.Ready), Timeout, () => "the set never loaded");
        Assert.True(reloaded.MayBeWatched(product, "7290000000000000199", "10000000000000000199"));
        Assert.False(reloaded.MayBeWatched(product, "1", "1"), "the load narrows the scope to the named stores");
        await reloaded.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_change_in_a_store_no_watch_of_the_product_sees_reaches_no_follower_and_one_in_a_watched_store_does()
    {
        await using var cluster = new ChangeStreamCluster { OnlyWatchedProducts = true };
        await cluster.InitializeAsync();
        var (seen, unseen) = (Guid.NewGuid().ToString("N")[..8], Guid.NewGuid().ToString("N")[..8]);
        var key = $"w2-{seen}";
        var watch = new WatchDefinition(key, ["7290000000001"], [$"7290000000001:{seen}"], null, null, null, WatchCondition.Below, 10m, "http://127.0.0.1:9/hooks/", null);
        await new WatchStore(cluster.Database.DataSource).CreateAsync("dana", watch, 1000);
        var filters = cluster.Silos.GetActiveSilos().Cast<InProcessSiloHandle>().Select(s => s.SiloHost.Services.GetRequiredService<WatchedProducts>()).ToList();
        await Eventually.TrueAsync(
            () => Task.FromResult(filters.All(f => f.Ready && f.MayBeWatched(key, "7290000000001", seen))), Timeout, () => "a silo does not know the watched store");

        // The same chain's other store, and the watched store's id in another chain: acknowledged without any follower.
        var dropped = new List<string>();
        dropped.AddRange(await cluster.PublishPricesAsync("7290000000001", unseen, [key]));
        dropped.AddRange(await cluster.PublishPricesAsync("7290000000002", seen, [key]));
        await Eventually.TrueAsync(async () => await cluster.AckPendingAsync() == 0, Timeout, () => "the changes were left unacknowledged");
        var followed = await cluster.PublishPricesAsync("7290000000001", seen, [key]);
        await cluster.AllDeliveredAsync(followed, Timeout);
        await Eventually.TrueAsync(async () => await cluster.AckPendingAsync() == 0, Timeout, () => "the change was left unacknowledged");

        Assert.Equal(1, await cluster.EffectsAsync(key));
        var deliveries = await cluster.DeliveriesAsync();
        Assert.All(dropped, id => Assert.DoesNotContain(id, deliveries.Keys));
    }

    private WatchedProducts Filter(TimeSpan reload) =>
        new(database.DataSource, Options.Create(new ChangeStreamOptions { WatchedReload = reload }), NullLogger<WatchedProducts>.Instance);

    private async Task<WatchRow> CreateAsync(
        string productKey, string[]? chains = null, string[]? stores = null, double? latitude = null, double? longitude = null, double? radiusKm = null) =>
        (await new WatchStore(database.DataSource).CreateAsync(
            "dana", Definition(productKey) with { Chains = chains ?? [], Stores = stores ?? [], Latitude = latitude, Longitude = longitude, RadiusKm = radiusKm }, 1000))!;

    private static WatchDefinition Definition(string productKey) =>
        new(productKey, [], [], null, null, null, WatchCondition.Below, 10m, "http://127.0.0.1:9/hooks/", null);
}
