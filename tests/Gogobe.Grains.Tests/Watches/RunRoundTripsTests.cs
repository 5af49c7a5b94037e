using System.Diagnostics.Metrics;
using System.Globalization;
using Gogobe.Contracts.Prices;
using Gogobe.Grains.Tests.Cluster;
using Gogobe.Grains.Watches;
using Gogobe.Storage.Watches;
using Microsoft.Extensions.DependencyInjection;
using static Gogobe.Grains.Tests.Watches.WatchTestPrices;

namespace Gogobe.Grains.Tests.Watches;

/// <summary>
/// The watch grains' run reads and writes over real PostgreSQL: many grains' reads (or writes) asked at once share round
/// trips, each getting its own product's rows (or its own count).
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class RunRoundTripsTests(GrainCluster cluster)
{
    [Fact]
    public async Task Reads_asked_at_once_share_round_trips_and_each_gets_only_its_product_s_stores_and_asked_promotions()
    {
        var first = Random.Shared.Next(100_000, 999_998).ToString(CultureInfo.InvariantCulture);
        var second = (int.Parse(first, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
        var keys = Enumerable.Range(0, 40).Select(i => $"{Chain}:r{first}-{i}").ToList();
        await Prices(first).ApplyFull(new PriceBatch("rr-1", Day1, keys.ConvertAll(k => Row(k, 10m, Day1))));
        await Prices(second).ApplyFull(new PriceBatch("rr-1", Day1, [.. keys.Where((_, i) => i % 3 != 0).Select(k => Row(k, 12m, Day1))]));
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var reads = new RunRoundTrips(new WatchedOfferStore(cluster.Database.DataSource), new WatchOutbox(cluster.Database.DataSource), TimeProvider.System, services.GetRequiredService<IMeterFactory>());

        // Even products ask for both stores, odd ones for the second only; every fourth asks for promotions (none run).
        var asked = keys.Select((key, i) => reads.ReadAsync(key, i % 2 == 0 ? [(Chain, first), (Chain, second)] : [(Chain, second)], i % 4 == 0)).ToList();
        var results = await Task.WhenAll(asked);

        for (var i = 0; i < keys.Count; i++)
        {
            var expected = new List<(string, decimal)>();
            if (i % 2 == 0)
            {
                expected.Add((first, 10m));
            }

            if (i % 3 != 0)
            {
                expected.Add((second, 12m));
            }

            Assert.Equal(expected, results[i].Offers.Select(o => (o.StoreId, o.Price)).Order());
            Assert.Equal(i % 4 == 0, results[i].Promotions is { Count: 0 });
        }

        Assert.Equal(keys.Count, reads.Reads);
        Assert.InRange(reads.ReadRoundTrips, 1, keys.Count / 2);
        Assert.All(results, r => Assert.Null(r.Kept));
    }

    [Fact]
    public async Task Reads_of_activating_grains_share_a_round_trip_and_each_gets_its_product_s_watches_and_kept_offers()
    {
        var store = Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var keys = Enumerable.Range(0, 6).Select(i => $"{Chain}:k{store}-{i}").ToList();
        await Prices(store).ApplyFull(new PriceBatch("rk-1", Day1, keys.ConvertAll(k => Row(k, 7m, Day1))));
        var watchStore = new WatchStore(cluster.Database.DataSource);
        var watched = keys.Where((_, i) => i % 2 == 0).ToList();
        foreach (var key in watched)
        {
            await watchStore.CreateAsync("rina", new WatchDefinition(key, [], [], null, null, null, WatchCondition.Below, 5m, "http://127.0.0.1:9/hook", null), 1000);
        }

        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var reads = new RunRoundTrips(new WatchedOfferStore(cluster.Database.DataSource), new WatchOutbox(cluster.Database.DataSource), TimeProvider.System, services.GetRequiredService<IMeterFactory>());

        // The first reads keep the store's price of the watched products only; the second ones find it kept.
        var first = await Task.WhenAll(keys.Select(k => reads.ReadAsync(k, [(Chain, store)], promotions: false, kept: true)));
        var second = await Task.WhenAll(keys.Select(k => reads.ReadAsync(k, [], promotions: false, kept: true)));

        for (var i = 0; i < keys.Count; i++)
        {
            var isWatched = i % 2 == 0;
            Assert.Equal(isWatched ? [keys[i]] : [], first[i].Kept!.Watches.Select(w => w.Definition.ProductKey));
            Assert.Empty(first[i].Kept!.Offers);
            Assert.Null(first[i].Kept!.ReadAt);
            Assert.Equal([(store, 7m)], first[i].Offers.Select(o => (o.StoreId, o.Price)));
            Assert.Equal(isWatched ? [(store, 7m)] : [], second[i].Kept!.Offers.Select(o => (o.StoreId, o.Price)));
        }

        Assert.InRange(reads.ReadRoundTrips, 2, keys.Count);
    }

    [Fact]
    public async Task Writes_asked_at_once_share_a_transaction_and_each_run_counts_only_the_notices_it_added()
    {
        var store = Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var watchStore = new WatchStore(cluster.Database.DataSource);
        var watches = new List<WatchRow>();
        for (var i = 0; i < 12; i++)
        {
            var definition = new WatchDefinition($"{Chain}:n{store}-{i}", [], [], null, null, null, WatchCondition.Below, 5m, "http://127.0.0.1:9/hook", null);
            watches.Add((await watchStore.CreateAsync("noa", definition, 1000))!);
        }

        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var runs = new RunRoundTrips(new WatchedOfferStore(cluster.Database.DataSource), new WatchOutbox(cluster.Database.DataSource), TimeProvider.System, services.GetRequiredService<IMeterFactory>());

        // Every watch moves; the even ones fire. Written again, the same notices add nothing.
        WatchUpdate Update(WatchRow w, int i) => new(w.WatchId, 4m + i, [], i % 2 == 0 ? new WatchNotice($"p:rn:{Chain}:{store}:{i}", "rn", Chain, store, 4m + i, 6m, [], null) : null);
        var added = await Task.WhenAll(watches.Select((w, i) => runs.SaveAsync([Update(w, i)], DateTimeOffset.UtcNow)));
        var again = await Task.WhenAll(watches.Select((w, i) => runs.SaveAsync([Update(w, i)], DateTimeOffset.UtcNow)));

        Assert.Equal(watches.Select((_, i) => i % 2 == 0 ? 1 : 0), added);
        Assert.All(again, n => Assert.Equal(0, n));
        Assert.InRange(runs.WriteRoundTrips, 2, watches.Count);
        await using var command = cluster.Database.DataSource.CreateCommand(
            "SELECT w.reference_price, count(n.notification_id) FROM watches w LEFT JOIN watch_notifications n USING (watch_id) WHERE w.watch_id = ANY($1) GROUP BY w.watch_id ORDER BY w.watch_id");
        command.Parameters.AddWithValue(watches.ConvertAll(w => w.WatchId).ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        for (var i = 0; i < watches.Count; i++)
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal((4m + i, i % 2 == 0 ? 1L : 0L), (reader.GetDecimal(0), reader.GetInt64(1)));
        }
    }

    private IPriceListGrain Prices(string store) => cluster.Grains.GetGrain<IPriceListGrain>($"{Chain}:{store}");
}
