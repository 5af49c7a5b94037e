using Gogobe.Grains.Promotions;
using Gogobe.Storage.Promotions;

namespace Gogobe.Grains.Tests;

/// <summary>Which products a promotion file affects, for the <c>promotions.changed</c> announcement.</summary>
public sealed class PromotionDiffTests
{
    [Fact]
    public void A_full_file_names_the_items_of_added_changed_and_removed_promotions_only()
    {
        var held = Held(Promotion("same", 5m, "a"), Promotion("cheaper", 9m, "b", "c"), Promotion("gone", 3m, "d"));

        var diff = PromotionDiff.Between(held, [Promotion("same", 5m, "a"), Promotion("cheaper", 8m, "b", "c"), Promotion("new", 2m, "e")], removesUnlisted: true);

        Assert.Equal(2, diff.Changed);
        Assert.Equal(1, diff.Removed);
        Assert.Equal(["b", "c", "d", "e"], diff.ProductKeys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_delta_removes_nothing_it_does_not_list()
    {
        var held = Held(Promotion("kept", 5m, "a"), Promotion("listed", 4m, "b"));

        var diff = PromotionDiff.Between(held, [Promotion("listed", 4m, "b") with { Description = "new words" }], removesUnlisted: false);

        Assert.Equal(1, diff.Changed);
        Assert.Equal(0, diff.Removed);
        Assert.Equal(["b"], diff.ProductKeys);
    }

    [Fact]
    public void Items_moving_in_and_out_of_a_promotion_name_only_those_items()
    {
        var held = Held(Promotion("p", 5m, "a", "b", "c"));

        var diff = PromotionDiff.Between(held, [Promotion("p", 5m, "c", "b", "d")], removesUnlisted: true);

        Assert.Equal(1, diff.Changed);
        Assert.Equal(["a", "d"], diff.ProductKeys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_same_promotions_in_another_order_and_with_new_lists_change_nothing()
    {
        var held = Held(Promotion("p", 5m, "a", "b"), Promotion("q", 6m, "c"));

        var diff = PromotionDiff.Between(held, [Promotion("q", 6m, "c"), Promotion("p", 5m, "b", "a")], removesUnlisted: true);

        Assert.Equal(0, diff.Changed);
        Assert.Equal(0, diff.Removed);
        Assert.Empty(diff.ProductKeys);
    }

    [Fact]
    public void A_club_list_change_affects_every_item()
    {
        var held = Held(Promotion("p", 5m, "a", "b"));

        var diff = PromotionDiff.Between(held, [Promotion("p", 5m, "a", "b") with { ClubIds = ["1", "2"] }], removesUnlisted: true);

        Assert.Equal(1, diff.Changed);
        Assert.Equal(["a", "b"], diff.ProductKeys.Order(StringComparer.Ordinal));
    }

    private static Dictionary<string, StoredPromotion> Held(params StoredPromotion[] promotions) =>
        promotions.ToDictionary(p => p.PromotionId, StringComparer.Ordinal);

    private static StoredPromotion Promotion(string id, decimal price, params string[] keys) => new(
        id, $"{id} for {price}", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 31, 23, 59, 0, TimeSpan.Zero),
        1, false, ["0"], 1m, null, price, null, null, null, null, true, false, null,
        [.. keys.Select(k => new StoredPromotionItem(k, false, null, null, null, null, null))]);
}
