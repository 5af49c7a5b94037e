using Gogobe.Contracts.Events;
using Gogobe.Contracts.Prices;
using Gogobe.Grains.Prices;
using Gogobe.Ingest.Messages;
using Gogobe.Storage.Prices;

namespace Gogobe.Grains.Tests.Cluster;

/// <summary>A store's price list grain over real PostgreSQL and NATS: what it writes, announces, skips and restores.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class PriceListGrainTests(GrainCluster cluster)
{
    private const string Chain = "7290000000001";
    private static readonly DateTimeOffset Day1 = new(2025, 8, 1, 6, 0, 0, TimeSpan.FromHours(3));

    [Fact]
    public async Task A_delta_writes_and_announces_only_the_items_whose_price_changed()
    {
        var store = NewStore();
        await using var changes = await cluster.FollowChangesAsync();
        var grain = cluster.Grains.GetGrain<IPriceListGrain>($"{Chain}:{store}");

        var full = await grain.ApplyFull(Batch("full-a", Day1, ("p1", 1m), ("p2", 2m), ("p3", 3m)));
        var delta = await grain.ApplyDelta(Batch("delta-a", Day1.AddHours(2), ("p1", 1m), ("p2", 2.5m)));

        Assert.Equal((true, 3, 0), (full.Applied, full.Changed, full.Removed));
        Assert.Equal((true, 1, 0), (delta.Applied, delta.Changed, delta.Removed));
        Assert.Equal(Prices(("p1", 1m, true), ("p2", 2.5m, true), ("p3", 3m, true)), await StoredAsync(store));
        var announced = await changes.OfAsync(OfferChangeKind.Prices, "delta-a");
        Assert.Equal([Key("p2")], announced.ProductKeys);
        Assert.Equal(store, announced.StoreId);
    }

    [Fact]
    public async Task A_full_list_without_an_item_makes_it_unavailable_and_announces_it()
    {
        var store = NewStore();
        await using var changes = await cluster.FollowChangesAsync();
        var grain = cluster.Grains.GetGrain<IPriceListGrain>($"{Chain}:{store}");

        await grain.ApplyFull(Batch("full-b1", Day1, ("p1", 1m), ("p2", 2m)));
        var second = await grain.ApplyFull(Batch("full-b2", Day1.AddDays(1), ("p1", 1m)));

        Assert.Equal((0, 1), (second.Changed, second.Removed));
        Assert.Equal(Prices(("p1", 1m, true), ("p2", 2m, false)), await StoredAsync(store));
        Assert.Equal([Key("p2")], (await changes.OfAsync(OfferChangeKind.Prices, "full-b2")).ProductKeys);
    }

    [Fact]
    public async Task An_older_full_list_after_a_newer_one_changes_nothing()
    {
        var store = NewStore();
        var grain = cluster.Grains.GetGrain<IPriceListGrain>($"{Chain}:{store}");

        await grain.ApplyFull(Batch("full-c2", Day1.AddDays(1), ("p1", 1m)));
        var late = await grain.ApplyFull(Batch("full-c1", Day1, ("p1", 5m), ("p2", 2m)));

        Assert.False(late.Applied);
        Assert.False(string.IsNullOrEmpty(late.SkippedReason));
        Assert.Equal(Prices(("p1", 1m, true)), await StoredAsync(store));
    }

    [Fact]
    public async Task A_price_list_collected_and_activated_again_compares_with_the_prices_in_postgres()
    {
        var store = NewStore();
        var grain = cluster.Grains.GetGrain<IPriceListGrain>($"{Chain}:{store}");
        await grain.ApplyFull(Batch("full-d1", Day1, ("p1", 1m), ("p2", 2m)));

        await cluster.CollectIdleActivationsAsync();
        Assert.Equal(0, await ActivationsAsync());
        var next = await grain.ApplyFull(Batch("full-d2", Day1.AddDays(1), ("p1", 1m), ("p2", 2.2m)));

        Assert.Equal((true, 1, 0), (next.Applied, next.Changed, next.Removed));
        Assert.Equal(Prices(("p1", 1m, true), ("p2", 2.2m, true)), await StoredAsync(store));
    }

    private static string NewStore() => Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Key(string item) => $"{Chain}:{item}";

    private static PriceBatch Batch(string importId, DateTimeOffset at, params (string Item, decimal Price)[] items) =>
        new(importId, at, [.. items.Select(i => new PriceRow(Key(i.Item), i.Item, true, i.Price, null, at, $"item {i.Item}", null, null, null, null, null, null, false))]);

    private static Dictionary<string, (decimal, bool)> Prices(params (string Item, decimal Price, bool Available)[] items) =>
        items.ToDictionary(i => Key(i.Item), i => (i.Price, i.Available));

    private async Task<Dictionary<string, (decimal, bool)>> StoredAsync(string store) =>
        (await new PriceListStore(cluster.Database.DataSource).LoadAsync(Chain, store)).Prices.ToDictionary(p => p.ProductKey, p => (p.Price, p.Available));

    private async Task<int> ActivationsAsync() =>
        (await cluster.Grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics())
            .Where(s => s.GrainType.Contains(nameof(PriceListGrain), StringComparison.Ordinal))
            .Sum(s => s.ActivationCount);
}
