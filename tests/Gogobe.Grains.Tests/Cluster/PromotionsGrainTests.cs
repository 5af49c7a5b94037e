using Gogobe.Contracts.Events;
using Gogobe.Contracts.Promotions;
using Gogobe.Ingest.Messages;
using Gogobe.Storage.Promotions;

namespace Gogobe.Grains.Tests.Cluster;

/// <summary>A store's promotions grain over real PostgreSQL and NATS.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class PromotionsGrainTests(GrainCluster cluster)
{
    private const string Chain = "7290000000002";
    private static readonly DateTimeOffset Day1 = new(DateTime.UtcNow.Date.AddDays(-1), TimeSpan.Zero);
    private static readonly DateTimeOffset Ends = Day1.AddDays(30);

    [Fact]
    public async Task A_full_file_replaces_the_promotions_and_announces_the_products_of_those_added_and_removed()
    {
        var store = Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var changes = await cluster.FollowChangesAsync();
        var grain = cluster.Grains.GetGrain<IPromotionsGrain>($"{Chain}:{store}");

        var first = await grain.ApplyFull(Batch("promo-1", Day1, Promotion("kept", "p1", "p2"), Promotion("ended", "p3")));
        var second = await grain.ApplyFull(Batch("promo-2", Day1.AddHours(12), Promotion("kept", "p1", "p2"), Promotion("new", "p4")));

        Assert.True(first.Applied && second.Applied);
        var stored = await new PromotionStore(cluster.Database.DataSource).LoadAsync(Chain, store, DateTimeOffset.UtcNow);
        Assert.Equal(["kept", "new"], stored.Promotions.Select(p => p.PromotionId).Order());
        var announced = await changes.OfAsync(OfferChangeKind.Promotions, "promo-2");
        Assert.Equal([Key("p3"), Key("p4")], announced.ProductKeys.Order());
    }

    [Fact]
    public async Task An_older_full_file_after_a_newer_one_changes_nothing()
    {
        var store = Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var grain = cluster.Grains.GetGrain<IPromotionsGrain>($"{Chain}:{store}");

        await grain.ApplyFull(Batch("promo-b2", Day1.AddHours(12), Promotion("current", "p1")));
        var late = await grain.ApplyFull(Batch("promo-b1", Day1, Promotion("stale", "p2")));

        Assert.False(late.Applied);
        var stored = await new PromotionStore(cluster.Database.DataSource).LoadAsync(Chain, store, DateTimeOffset.UtcNow);
        Assert.Equal(["current"], stored.Promotions.Select(p => p.PromotionId));
    }

    private static string Key(string item) => $"{Chain}:{item}";

    private static PromotionBatch Batch(string importId, DateTimeOffset at, params PromotionRow[] promotions) => new(importId, at, promotions);

    private static PromotionRow Promotion(string id, params string[] items) => new(
        id, $"promotion {id}", Day1, Ends, 1, false, [], 1m, null, 9.90m, null, null, 1, null, false, false, Day1,
        [.. items.Select(i => new PromotionItemRow(Key(i), false, 1, null, null, null, null))]);
}
