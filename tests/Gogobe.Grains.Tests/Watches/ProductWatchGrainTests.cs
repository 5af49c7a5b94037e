using System.Globalization;
using Gogobe.Contracts.Events;
using Gogobe.Contracts.Prices;
using Gogobe.Contracts.Promotions;
using Gogobe.Contracts.Watches;
using Gogobe.Grains.Tests.Cluster;
using Gogobe.Storage.Watches;
using static Gogobe.Grains.Tests.Watches.WatchTestPrices;

namespace Gogobe.Grains.Tests.Watches;

/// <summary>
/// A product's watch grain over real PostgreSQL: prices and promotions written by their grains, watches stored as the API
/// stores them, changes handed to the grain as the product's stream hands them; the outbox rows are what it wrote.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class ProductWatchGrainTests(GrainCluster cluster)
{
    [Fact]
    public async Task A_below_watch_notifies_once_for_a_change_delivered_twice_and_again_after_its_grain_was_collected()
    {
        var (store, key) = NewProduct();
        await Prices(store).ApplyFull(PriceBatch("wb-1", Day1, key, 10m));
        var watch = await WatchAsync(key, WatchCondition.Below, 9m);

        await Prices(store).ApplyDelta(PriceBatch("wb-2", Day1.AddHours(1), key, 8.5m));
        var change = Changed(OfferChangeKind.Prices, "wb-2", store, key);
        await Grain(key).OnOfferChanged(change);
        await Grain(key).OnOfferChanged(change);
        await cluster.CollectIdleActivationsAsync();
        await Grain(key).OnOfferChanged(change);

        Assert.Equal([(change.EventId, 8.5m, 10m)], await NoticesAsync(watch));
    }

    [Fact]
    public async Task A_drop_watch_notifies_when_the_price_fell_by_its_percentage_from_the_price_when_it_was_created()
    {
        var (store, key) = NewProduct();
        await Prices(store).ApplyFull(PriceBatch("wd-1", Day1, key, 20m));
        var watch = await WatchAsync(key, WatchCondition.Drop, 10m);

        await Prices(store).ApplyDelta(PriceBatch("wd-2", Day1.AddHours(1), key, 18.5m));
        await Grain(key).OnOfferChanged(Changed(OfferChangeKind.Prices, "wd-2", store, key));
        await Prices(store).ApplyDelta(PriceBatch("wd-3", Day1.AddHours(2), key, 17.99m));
        var change = Changed(OfferChangeKind.Prices, "wd-3", store, key);
        await Grain(key).OnOfferChanged(change);

        Assert.Equal([(change.EventId, 17.99m, 20m)], await NoticesAsync(watch));
    }

    [Fact]
    public async Task A_promotion_watch_notifies_a_new_promotion_and_not_the_one_running_when_it_was_created()
    {
        var (store, key) = NewProduct();
        await Prices(store).ApplyFull(PriceBatch("wp-1", Day1, key, 12m));
        var promotions = cluster.Grains.GetGrain<IPromotionsGrain>($"{Chain}:{store}");
        await promotions.ApplyFull(new PromotionBatch("wp-2", Day1, [Promotion("old", key)]));
        var watch = await WatchAsync(key, WatchCondition.Promotion, null);

        await promotions.ApplyFull(new PromotionBatch("wp-3", Day1.AddHours(1), [Promotion("old", key), Promotion("new", key)]));
        var change = Changed(OfferChangeKind.Promotions, "wp-3", store, key);
        await Grain(key).OnOfferChanged(change);

        Assert.Equal([(change.EventId, 9.90m, (decimal?)null)], await NoticesAsync(watch));
        Assert.Equal([[$"{Chain}:new promotion new"]], await PromotionsOfAsync(watch.WatchId));
    }

    [Fact]
    public async Task A_grain_keeps_its_product_s_promotions_until_a_change_of_promotions_and_sees_one_that_starts_later_run_from_its_start()
    {
        var (store, key) = NewProduct();
        await Prices(store).ApplyFull(PriceBatch("wq-1", Day1, key, 12m));
        var promotions = cluster.Grains.GetGrain<IPromotionsGrain>($"{Chain}:{store}");
        var watch = await WatchAsync(key, WatchCondition.Promotion, null);

        // A promotion whose change reached no grain is not seen by a run of price changes (the promotions are kept) ...
        await promotions.ApplyFull(new PromotionBatch("wq-2", Day1.AddHours(1), [Promotion("quiet", key)]));
        await Prices(store).ApplyDelta(PriceBatch("wq-3", Day1.AddHours(2), key, 11m));
        await Grain(key).OnOfferChanged(Changed(OfferChangeKind.Prices, "wq-3", store, key));
        Assert.Empty(await NoticesAsync(watch));

        // ... but by the next change of promotions, which also brings one that starts a moment later: not running yet.
        var starts = DateTimeOffset.UtcNow.AddSeconds(2);
        await promotions.ApplyFull(new PromotionBatch("wq-4", Day1.AddHours(3), [Promotion("quiet", key), Promotion("later", key, starts)]));
        var change = Changed(OfferChangeKind.Promotions, "wq-4", store, key);
        await Grain(key).OnOfferChanged(change);
        Assert.Equal([[$"{Chain}:quiet promotion quiet"]], await PromotionsOfAsync(watch.WatchId));

        // Once it has started, a run of price changes sees it run, from what the grain kept.
        await Task.Delay(TimeSpan.FromTicks(Math.Max(0, (starts - DateTimeOffset.UtcNow).Ticks)) + TimeSpan.FromMilliseconds(200));
        await Prices(store).ApplyDelta(PriceBatch("wq-5", Day1.AddHours(4), key, 11.5m));
        var after = Changed(OfferChangeKind.Prices, "wq-5", store, key);
        await Grain(key).OnOfferChanged(after);
        Assert.Equal([(change.EventId, 9.90m, (decimal?)null), (after.EventId, 9.90m, (decimal?)null)], await NoticesAsync(watch));
        Assert.Equal([[$"{Chain}:quiet promotion quiet"], [$"{Chain}:later promotion later"]], await PromotionsOfAsync(watch.WatchId));
    }

    [Fact]
    public async Task A_run_of_changes_in_many_stores_notifies_each_watch_once_naming_the_store_that_made_the_price_and_never_again()
    {
        var (first, key) = NewProduct();
        var stores = Enumerable.Range(0, 12).Select(i => (int.Parse(first, CultureInfo.InvariantCulture) + i).ToString(CultureInfo.InvariantCulture)).ToList();
        foreach (var store in stores)
        {
            await Prices(store).ApplyFull(PriceBatch("wr-1", Day1, key, 10m));
        }

        var below = await WatchAsync(key, WatchCondition.Below, 9m);
        var drop = await WatchAsync(key, WatchCondition.Drop, 15m);
        var changes = new List<OfferChanged>();
        for (var i = 0; i < stores.Count; i++)
        {
            await Prices(stores[i]).ApplyDelta(PriceBatch("wr-2", Day1.AddHours(1), key, i == 5 ? 8m : 9.5m - (i * 0.05m)));
            changes.Add(Changed(OfferChangeKind.Prices, "wr-2", stores[i], key));
        }

        await Grain(key).OnOffersChanged(changes);
        await Grain(key).OnOffersChanged(changes);
        foreach (var change in changes)
        {
            await Grain(key).OnOfferChanged(change);
        }

        await cluster.CollectIdleActivationsAsync();
        await Grain(key).OnOffersChanged([.. Enumerable.Reverse(changes)]);

        Assert.Equal([(changes[5].EventId, 8m, 10m)], await NoticesAsync(below));
        Assert.Equal([(changes[5].EventId, 8m, 10m)], await NoticesAsync(drop));
    }

    [Fact]
    public async Task After_its_first_run_a_grain_takes_each_store_s_price_from_that_store_s_change_and_forgets_a_store_that_stopped_selling()
    {
        var (first, second, key) = await TwoStoresAsync("wk-1", 20m);
        var watch = await WatchAsync(key, WatchCondition.Below, 15m);

        // A new low in the first store; then the first store rises (the reference follows it) and the second goes under.
        await Prices(first).ApplyDelta(PriceBatch("wk-2", Day1.AddHours(1), key, 14m));
        var low = Changed(OfferChangeKind.Prices, "wk-2", first, key);
        await Grain(key).OnOfferChanged(low);
        await Prices(first).ApplyDelta(PriceBatch("wk-3", Day1.AddHours(2), key, 16m));
        await Grain(key).OnOfferChanged(Changed(OfferChangeKind.Prices, "wk-3", first, key));
        await Prices(second).ApplyDelta(PriceBatch("wk-3", Day1.AddHours(2), key, 14.5m));
        var secondLow = Changed(OfferChangeKind.Prices, "wk-3", second, key);
        await Grain(key).OnOfferChanged(secondLow);

        // The second store's full list no longer has the product: the first store's 16 is the cheapest, and 14.80 there is a new low.
        await Prices(second).ApplyFull(PriceBatch("wk-4", Day1.AddHours(3), $"{Chain}:x{second}", 5m));
        await Grain(key).OnOfferChanged(Changed(OfferChangeKind.Prices, "wk-4", second, key));
        await Prices(first).ApplyDelta(PriceBatch("wk-5", Day1.AddHours(4), key, 14.8m));
        var firstAgain = Changed(OfferChangeKind.Prices, "wk-5", first, key);
        await Grain(key).OnOfferChanged(firstAgain);

        Assert.Equal([(low.EventId, 14m, 20m), (secondLow.EventId, 14.5m, 16m), (firstAgain.EventId, 14.8m, 16m)], await NoticesAsync(watch));
    }

    [Fact]
    public async Task A_grain_activated_again_starts_from_the_offers_kept_for_its_product_until_a_new_watch_has_them_read_in_full()
    {
        var (first, second, key) = await TwoStoresAsync("wa-1", 20m);
        var watch = await WatchAsync(key, WatchCondition.Below, 15m);

        await cluster.CollectIdleActivationsAsync();
        await Prices(first).ApplyDelta(PriceBatch("wa-2", Day1.AddHours(1), key, 14m));
        var low = Changed(OfferChangeKind.Prices, "wa-2", first, key);
        await Grain(key).OnOfferChanged(low);

        // A price whose change reached no grain is not seen by a grain that starts from what was kept ...
        await Prices(second).ApplyDelta(PriceBatch("wa-3", Day1.AddHours(2), key, 13m));
        await cluster.CollectIdleActivationsAsync();
        await Prices(first).ApplyDelta(PriceBatch("wa-4", Day1.AddHours(3), key, 14.5m));
        await Grain(key).OnOfferChanged(Changed(OfferChangeKind.Prices, "wa-4", first, key));
        Assert.Equal([(low.EventId, 14m, 20m)], await NoticesAsync(watch));

        // ... until a new watch of the product has its offers read in full: the second store's 13 is then the new low.
        await cluster.CollectIdleActivationsAsync();
        await WatchAsync(key, WatchCondition.Promotion, null);
        await Prices(first).ApplyDelta(PriceBatch("wa-5", Day1.AddHours(4), key, 14.6m));
        var next = Changed(OfferChangeKind.Prices, "wa-5", first, key);
        await Grain(key).OnOfferChanged(next);
        Assert.Equal([(low.EventId, 14m, 20m), (next.EventId, 13m, 14m)], await NoticesAsync(watch));

        // A product left without watches keeps nothing (before: two stores' prices and when they were read in full).
        Assert.Equal(3, await KeptOffersAsync(key));
        await using (var command = cluster.Database.DataSource.CreateCommand("DELETE FROM watches WHERE product_key = $1"))
        {
            command.Parameters.AddWithValue(key);
            await command.ExecuteNonQueryAsync();
        }

        Assert.Equal(0, await KeptOffersAsync(key));
    }

    [Fact]
    public async Task A_notice_keeps_when_its_change_was_taken_from_the_broker_and_when_the_run_that_wrote_it_began()
    {
        var (first, second, key) = await TwoStoresAsync("wt-1", 10m);
        var watch = await WatchAsync(key, WatchCondition.Below, 9m);

        await Prices(first).ApplyDelta(PriceBatch("wt-2", Day1.AddHours(1), key, 9.5m));
        await Prices(second).ApplyDelta(PriceBatch("wt-2", Day1.AddHours(1), key, 8m));
        var taken = DateTimeOffset.UtcNow.AddSeconds(-3);
        var changes = new[]
        {
            Changed(OfferChangeKind.Prices, "wt-2", first, key) with { TakenAt = taken.AddSeconds(-1) },
            Changed(OfferChangeKind.Prices, "wt-2", second, key) with { TakenAt = taken },
        };
        var before = DateTimeOffset.UtcNow;
        await Grain(key).OnOffersChanged(changes);

        await using var command = cluster.Database.DataSource.CreateCommand(
            "SELECT change_id, change_taken_at, run_started_at, created_at FROM watch_notifications WHERE watch_id = $1");
        command.Parameters.AddWithValue(watch.WatchId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(changes[1].EventId, reader.GetString(0));
        Assert.Equal(taken.ToUnixTimeMilliseconds(), reader.GetFieldValue<DateTimeOffset>(1).ToUnixTimeMilliseconds());
        var run = reader.GetFieldValue<DateTimeOffset>(2);
        Assert.InRange(run, before.AddMilliseconds(-1), reader.GetFieldValue<DateTimeOffset>(3).AddSeconds(1));
        Assert.False(await reader.ReadAsync());
    }

    private IProductWatchGrain Grain(string key) => cluster.Grains.GetGrain<IProductWatchGrain>(key);

    private IPriceListGrain Prices(string store) => cluster.Grains.GetGrain<IPriceListGrain>($"{Chain}:{store}");

    private async Task<WatchRow> WatchAsync(string key, WatchCondition condition, decimal? threshold)
    {
        var definition = new WatchDefinition(key, [], [], null, null, null, condition, threshold, "http://127.0.0.1:9/hook", null);
        var watch = await new WatchStore(cluster.Database.DataSource).CreateAsync("dana", definition, 1000);
        await Grain(key).WatchesChanged();
        return watch!;
    }

    /// <summary>A new product sold in two stores at one price, by a full list of <paramref name="importId"/> each.</summary>
    private async Task<(string First, string Second, string Key)> TwoStoresAsync(string importId, decimal price)
    {
        var (first, key) = NewProduct();
        var second = (int.Parse(first, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
        await Prices(first).ApplyFull(PriceBatch(importId, Day1, key, price));
        await Prices(second).ApplyFull(PriceBatch(importId, Day1, key, price));
        return (first, second, key);
    }

    private static (string Store, string Key) NewProduct()
    {
        var store = Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        return (store, $"{Chain}:w{store}");
    }

    private static OfferChanged Changed(OfferChangeKind kind, string importId, string store, string key) =>
        new(OfferChanged.IdOf(kind, importId, Chain, store, key), kind, key, Chain, store, importId, Day1);

    private static PriceBatch PriceBatch(string importId, DateTimeOffset at, string key, decimal price) => new(importId, at, [Row(key, price, at)]);

    private static PromotionRow Promotion(string id, string key, DateTimeOffset? starts = null) => new(
        id, $"promotion {id}", starts ?? Day1, Day1.AddDays(30), 1, false, [], 1m, null, 9.90m, null, null, 1, null, false, false, Day1,
        [new PromotionItemRow(key, false, 1, null, null, null, null)]);

    private async Task<List<(string, decimal?, decimal?)>> NoticesAsync(WatchRow watch)
    {
        await using var command = cluster.Database.DataSource.CreateCommand(
            "SELECT change_id, price, reference_price FROM watch_notifications WHERE watch_id = $1 ORDER BY notification_id");
        command.Parameters.AddWithValue(watch.WatchId);
        await using var reader = await command.ExecuteReaderAsync();
        var notices = new List<(string, decimal?, decimal?)>();
        while (await reader.ReadAsync())
        {
            notices.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetDecimal(1), reader.IsDBNull(2) ? null : reader.GetDecimal(2)));
        }

        return notices;
    }

    /// <summary>The rows kept for the product: its offers, and when they were read in full.</summary>
    private async Task<long> KeptOffersAsync(string key)
    {
        await using var command = cluster.Database.DataSource.CreateCommand(
            "SELECT (SELECT count(*) FROM watched_offers WHERE product_key = $1) + (SELECT count(*) FROM watched_offer_reads WHERE product_key = $1)");
        command.Parameters.AddWithValue(key);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The promotions of each of the watch's notices, in order.</summary>
    private async Task<List<string[]>> PromotionsOfAsync(long watchId)
    {
        await using var command = cluster.Database.DataSource.CreateCommand("SELECT promotions FROM watch_notifications WHERE watch_id = $1 ORDER BY notification_id");
        command.Parameters.AddWithValue(watchId);
        await using var reader = await command.ExecuteReaderAsync();
        var promotions = new List<string[]>();
        while (await reader.ReadAsync())
        {
            promotions.Add(reader.GetFieldValue<string[]>(0));
        }

        return promotions;
    }
}
