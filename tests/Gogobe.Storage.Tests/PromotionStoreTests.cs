using Gogobe.Storage.FeedState;
using Gogobe.Storage.Promotions;
using Gogobe.Testing;

namespace Gogobe.Storage.Tests;

public sealed class PromotionStoreTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const string Chain = "7290172900007";
    private static readonly DateTimeOffset Day1 = new(2026, 3, 1, 5, 0, 0, TimeSpan.Zero);
    private readonly PromotionStore promotions = new(database.DataSource);

    private static StoredPromotion Promotion(string id, decimal price, bool club = false, DateTimeOffset? endsAt = null, params string[] items) =>
        new(id, $"מבצע {id}", Day1.AddDays(-1), endsAt ?? Day1.AddDays(30), 1, club, club ? ["3"] : [], 2m, null, price, null, null,
            null, null, false, false, Day1.AddDays(-2), [.. items.Select(key => new StoredPromotionItem(key, false, null, null, null, null, null))]);

    private static PromotionChange Change(string store, PromotionFileKind kind, string importId, DateTimeOffset fileAt, params StoredPromotion[] list) =>
        new(Chain, store, kind, importId, fileAt, list);

    [Fact]
    public async Task A_full_file_replaces_the_store_promotions_and_items()
    {
        await promotions.ApplyAsync(Change("001", PromotionFileKind.PromoFull, "imp-1", Day1,
            Promotion("100", 10m, items: ["A", "B"]), Promotion("200", 20m, club: true, items: ["C"]), Promotion("300", 30m, items: ["D"])));

        var second = await promotions.ApplyAsync(Change("001", PromotionFileKind.PromoFull, "imp-2", Day1.AddDays(1),
            Promotion("100", 10m, items: ["A", "E"]), Promotion("200", 25m, club: true, items: ["C"])));
        var snapshot = await promotions.LoadAsync(Chain, "001", Day1);

        Assert.Equal(new PromotionApplyOutcome(ApplyStatus.Applied, 1, 1, 1, 2, true), second);
        Assert.Equal(["100", "200"], snapshot.Promotions.Select(p => p.PromotionId).Order());
        Assert.Equal(["A", "E"], snapshot.Promotions.Single(p => p.PromotionId == "100").Items.Select(i => i.ProductKey).Order());
        var club = snapshot.Promotions.Single(p => p.PromotionId == "200");
        Assert.Equal((true, 25m, "3"), (club.IsClubOnly, club.DiscountedPrice!.Value, Assert.Single(club.ClubIds)));
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM promotion_items WHERE store_id = '001' AND promotion_id = '300'"));
        Assert.Equal(new FeedWatermark(Day1.AddDays(1), "imp-2"), snapshot.FullWatermark);
    }

    [Fact]
    public async Task A_delta_upserts_only_the_promotions_it_lists()
    {
        await promotions.ApplyAsync(Change("002", PromotionFileKind.PromoFull, "imp-1", Day1,
            Promotion("100", 10m, items: ["A"]), Promotion("200", 20m, items: ["B"])));

        var delta = await promotions.ApplyAsync(Change("002", PromotionFileKind.Promo, "imp-d", Day1.AddHours(1),
            Promotion("200", 18m, items: ["B", "C"]), Promotion("400", 40m, items: ["D"])));
        var snapshot = await promotions.LoadAsync(Chain, "002", Day1);

        Assert.Equal(new PromotionApplyOutcome(ApplyStatus.Applied, 2, 0, 2, 0, true), delta);
        Assert.Equal(["100", "200", "400"], snapshot.Promotions.Select(p => p.PromotionId).Order());
        Assert.Equal(18m, snapshot.Promotions.Single(p => p.PromotionId == "200").DiscountedPrice);
        Assert.Equal(new FeedWatermark(Day1.AddHours(1), "imp-d"), snapshot.DeltaWatermark);
        Assert.Equal(new FeedWatermark(Day1, "imp-1"), snapshot.FullWatermark);
    }

    [Fact]
    public async Task Repeated_and_older_files_change_nothing()
    {
        var full = Change("003", PromotionFileKind.PromoFull, "imp-2", Day1.AddDays(1), Promotion("100", 10m, items: ["A"]));
        await promotions.ApplyAsync(full);

        var again = await promotions.ApplyAsync(full);
        var sameContentNewerFile = await promotions.ApplyAsync(full with { ImportId = "imp-3", FileAt = Day1.AddDays(2) });
        var older = await promotions.ApplyAsync(Change("003", PromotionFileKind.PromoFull, "imp-1", Day1, Promotion("100", 5m, items: ["Z"])));
        var olderDelta = await promotions.ApplyAsync(Change("003", PromotionFileKind.Promo, "imp-d", Day1, Promotion("100", 5m, items: ["Z"])));
        var snapshot = await promotions.LoadAsync(Chain, "003", Day1);

        Assert.Equal(PromotionApplyOutcome.Stale, again);
        Assert.Equal(new PromotionApplyOutcome(ApplyStatus.Applied, 0, 0, 0, 0, true), sameContentNewerFile);
        Assert.Equal(PromotionApplyOutcome.Stale, older);
        Assert.Equal(PromotionApplyOutcome.Stale, olderDelta);
        Assert.Equal(10m, Assert.Single(snapshot.Promotions).DiscountedPrice);
        Assert.Equal("A", Assert.Single(snapshot.Promotions[0].Items).ProductKey);
    }

    [Fact]
    public async Task Loads_only_promotions_that_have_not_ended()
    {
        await promotions.ApplyAsync(Change("004", PromotionFileKind.PromoFull, "imp-1", Day1,
            Promotion("old", 1m, endsAt: Day1.AddDays(-1), items: ["A"]), Promotion("open", 2m, endsAt: Day1.AddDays(1), items: ["B"])));

        var snapshot = await promotions.LoadAsync(Chain, "004", Day1);
        var marked = await promotions.MarkAppliedAsync(Chain, "004", PromotionFileKind.Promo, "imp-d", Day1.AddHours(1));

        Assert.Equal("open", Assert.Single(snapshot.Promotions).PromotionId);
        Assert.True(marked);
    }

    [Fact]
    public async Task A_full_file_of_100k_items_is_applied_in_one_go()
    {
        var many = Enumerable.Range(0, 2_000)
            .Select(p => Promotion($"{p:D6}", 9.9m, items: [.. Enumerable.Range(0, 50).Select(i => $"7290{p:D4}{i:D5}")]))
            .ToArray();

        var first = await promotions.ApplyAsync(Change("005", PromotionFileKind.PromoFull, "imp-big", Day1, many));
        var snapshot = await promotions.LoadAsync(Chain, "005", Day1);

        Assert.Equal((2_000, 100_000), (first.PromotionsWritten, first.ItemsWritten));
        Assert.Equal(100_000, snapshot.Promotions.Sum(p => p.Items.Count));
    }
}
