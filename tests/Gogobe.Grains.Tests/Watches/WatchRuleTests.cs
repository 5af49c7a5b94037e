using Gogobe.Contracts.Events;
using Gogobe.Grains.Watches;
using Gogobe.Storage.Products;
using Gogobe.Storage.Watches;

namespace Gogobe.Grains.Tests.Watches;

/// <summary>When each condition fires and what state a watch keeps, on offers made up in memory.</summary>
public sealed class WatchRuleTests
{
    private static readonly OfferChanged Change = new("p:import:1:1:7290000000001", OfferChangeKind.Prices, "7290000000001", "1", "1", "import", DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_below_watch_fires_on_a_new_low_under_its_threshold_and_again_only_after_the_price_went_back_above()
    {
        var watch = Armed(Definition(WatchCondition.Below, 10m), Snapshot(("1", "1", 12m)));

        var under = Apply(ref watch, Snapshot(("1", "1", 9m)));
        var same = Apply(ref watch, Snapshot(("1", "1", 9m), ("2", "5", 9.5m)));
        var lower = Apply(ref watch, Snapshot(("1", "1", 8.5m)));
        var above = Apply(ref watch, Snapshot(("1", "1", 11m)));
        var underAgain = Apply(ref watch, Snapshot(("1", "1", 9.9m)));

        Assert.Equal((9m, 12m), (under!.Notice!.Price, under.Notice.ReferencePrice));
        Assert.Null(same);
        Assert.Equal(8.5m, lower!.Notice!.Price);
        Assert.Equal((11m, null), (above!.ReferencePrice, above.Notice));
        Assert.Equal((9.9m, 11m), (underAgain!.Notice!.Price, underAgain.Notice.ReferencePrice));
    }

    [Fact]
    public void A_drop_watch_fires_when_the_price_is_the_percentage_below_the_price_when_armed_and_then_measures_from_the_notified_price()
    {
        var watch = Armed(Definition(WatchCondition.Drop, 10m), Snapshot(("1", "1", 20m)));

        var small = Apply(ref watch, Snapshot(("1", "1", 18.01m)));
        var rise = Apply(ref watch, Snapshot(("1", "1", 25m)));
        var enough = Apply(ref watch, Snapshot(("1", "1", 18m)));
        var again = Apply(ref watch, Snapshot(("1", "1", 16.5m)));
        var further = Apply(ref watch, Snapshot(("1", "1", 16.2m)));

        Assert.Null(small);
        Assert.Null(rise);
        Assert.Equal((18m, 20m), (enough!.Notice!.Price, enough.Notice.ReferencePrice));
        Assert.Null(again);
        Assert.Equal((16.2m, 18m), (further!.Notice!.Price, further.Notice.ReferencePrice));
    }

    [Fact]
    public void A_promotion_watch_fires_for_a_promotion_it_has_not_seen_once_per_chain_whatever_the_stores()
    {
        var prices = new[] { ("1", "1", 10m), ("1", "2", 10m) };
        var watch = Armed(Definition(WatchCondition.Promotion, null), Snapshot(prices, ("1", "1", "old")));

        var unchanged = Apply(ref watch, Snapshot(prices, ("1", "1", "old"), ("1", "2", "old")));
        var added = Apply(ref watch, Snapshot(prices, ("1", "1", "old"), ("1", "1", "new"), ("1", "2", "new")));
        var ended = Apply(ref watch, Snapshot(prices, ("1", "1", "new")));

        Assert.Null(unchanged);
        Assert.Equal(["1:new promotion new"], added!.Notice!.Promotions);
        Assert.Null(ended!.Notice);
        Assert.Equal(["1:new"], ended.KnownPromotions);
    }

    [Fact]
    public void A_watch_looks_only_at_its_chains_stores_and_place()
    {
        var offers = Snapshot(("1", "1", 5m, 32.08, 34.78), ("2", "7", 4m, 31.77, 35.21), ("2", "8", 6m, 32.09, 34.79));

        Assert.Equal("7", offers.Cheapest(Definition(WatchCondition.Below, 10m))!.StoreId);
        Assert.Equal("8", offers.Cheapest(Definition(WatchCondition.Below, 10m) with { Stores = ["2:8", "1:9"] })!.StoreId);
        Assert.Equal("1", offers.Cheapest(Definition(WatchCondition.Below, 10m) with { Latitude = 32.0853, Longitude = 34.7818, RadiusKm = 5 })!.StoreId);
        Assert.Equal("8", offers.Cheapest(Definition(WatchCondition.Below, 10m) with { Chains = ["2"], Latitude = 32.0853, Longitude = 34.7818, RadiusKm = 5 })!.StoreId);
        Assert.Null(offers.Cheapest(Definition(WatchCondition.Below, 10m) with { Chains = ["3"] }));
        Assert.Null(offers.Cheapest(Definition(WatchCondition.Below, 10m) with { Stores = ["1:8", "2:1", "2:88", "22:8", "2;8"] }));
    }

    private static WatchDefinition Definition(WatchCondition condition, decimal? threshold) =>
        new("7290000000001", [], [], null, null, null, condition, threshold, "http://127.0.0.1/hook", null);

    private static WatchRow Armed(WatchDefinition definition, ProductSnapshot now)
    {
        var row = new WatchRow(1, "dana", definition, null, [], DateTimeOffset.UnixEpoch, null, null);
        var armed = WatchRule.Arm(row, now);
        return row with { ReferencePrice = armed.ReferencePrice, KnownPromotions = armed.KnownPromotions, ArmedAt = DateTimeOffset.UnixEpoch };
    }

    private static WatchUpdate? Apply(ref WatchRow watch, ProductSnapshot now)
    {
        var update = WatchRule.Evaluate(watch, Change, now);
        if (update is not null)
        {
            watch = watch with { ReferencePrice = update.ReferencePrice, KnownPromotions = update.KnownPromotions };
        }

        return update;
    }

    private static ProductSnapshot Snapshot(params (string Chain, string Store, decimal Price)[] prices) =>
        new([.. prices.Select(p => Offer(p.Chain, p.Store, p.Price, null, null))], []);

    private static ProductSnapshot Snapshot(params (string Chain, string Store, decimal Price, double Lat, double Lon)[] prices) =>
        new([.. prices.Select(p => Offer(p.Chain, p.Store, p.Price, p.Lat, p.Lon))], []);

    private static ProductSnapshot Snapshot((string Chain, string Store, decimal Price)[] prices, params (string Chain, string Store, string Id)[] promotions) =>
        new([.. prices.Select(p => Offer(p.Chain, p.Store, p.Price, null, null))],
            [.. promotions.Select(p => new RunningPromotion(p.Chain, p.Store, p.Id, $"promotion {p.Id}", false, 8m, 1m, null))]);

    private static WatchedOffer Offer(string chain, string store, decimal price, double? lat, double? lon) => new(chain, store, price, lat, lon);
}
