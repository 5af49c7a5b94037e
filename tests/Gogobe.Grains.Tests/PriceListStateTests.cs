using System.Text;
using Gogobe.Contracts.Prices;
using Gogobe.Grains.Imports;
using Gogobe.Grains.Prices;
using Gogobe.Storage.FeedState;
using Gogobe.Storage.Prices;

namespace Gogobe.Grains.Tests;

/// <summary>The rules that turn a price file into changes: full replaces, delta updates, older data changes nothing.</summary>
public sealed class PriceListStateTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 3, 1, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Day2 = Day1.AddDays(1);
    private static readonly DateTimeOffset Day3 = Day1.AddDays(2);

    [Fact]
    public void A_first_full_list_adds_every_item()
    {
        var state = Empty();
        var diff = state.Diff(PriceFileKind.PriceFull, Batch("f1", Day1, ("a", 1m), ("b", 2m)));

        Assert.Null(diff.SkippedReason);
        Assert.Equal(["a", "b"], diff.Upserts.Select(u => u.ProductKey).Order());
        Assert.Empty(diff.Removed);
    }

    [Fact]
    public void A_list_restored_from_storage_finds_no_change_in_the_file_it_was_written_from()
    {
        const string Xml = "<Root><ChainId>7290058140886</ChainId><StoreId>6</StoreId><Items>" +
            "<Item><ItemCode>7290000000001</ItemCode><ItemPrice>5.5</ItemPrice><UnitOfMeasurePrice>0.908333333333333</UnitOfMeasurePrice></Item>" +
            "<Item><ItemCode>7290000000002</ItemCode><ItemPrice>39.90</ItemPrice><UnitOfMeasurePrice>0.0273</UnitOfMeasurePrice></Item>" +
            "<Item><ItemCode>7290000000003</ItemCode><ItemPrice>12.345</ItemPrice><UnitOfMeasurePrice>0.12345</UnitOfMeasurePrice></Item>" +
            "</Items></Root>";
        var parsed = ParsedFeed.Read(new MemoryStream(Encoding.UTF8.GetBytes(Xml)), "PriceFull7290058140886-006-202603010600.xml", new Gogobe.Feeds.FeedReaderOptions());
        Assert.True(parsed.Result.Ok, parsed.Result.Error);

        // What PostgreSQL holds once those rows are written: numeric(12,2) prices, numeric(14,4) unit prices.
        StoredPrice[] stored =
        [
            new("7290000000001", 5.50m, 0.9083m, true, null, Day1),
            new("7290000000002", 39.90m, 0.0273m, true, null, Day1),
            new("7290000000003", 12.35m, 0.1235m, true, null, Day1),
        ];
        var restored = PriceListState.From(new PriceListSnapshot("7290058140886", "6", stored, new FeedWatermark(Day1, "f1"), null));

        var diff = restored.Diff(PriceFileKind.PriceFull, new PriceBatch("f2", Day2, parsed.Prices));

        Assert.Equal(stored.Select(p => (p.ProductKey, p.Price, p.UnitPrice)), parsed.Prices.Select(p => (p.ProductKey, p.Price, p.UnitPrice)));
        Assert.True(diff.IsEmpty, $"{diff.Upserts.Count} phantom changes");
    }

    [Fact]
    public void Watermarks_alone_tell_stale_and_unchanged_lists_and_take_an_unchanged_one_without_prices()
    {
        var state = PriceListState.WatermarksOnly(new FeedWatermark(Day2, "f2", "fp-2", 3), null);

        Assert.False(state.PricesLoaded);
        Assert.Equal("older than the applied full price list", state.StaleReason(PriceFileKind.PriceFull, "f1", Day1));
        Assert.Equal("already applied", state.StaleReason(PriceFileKind.PriceFull, "f2", Day2));
        Assert.Null(state.StaleReason(PriceFileKind.PriceFull, "f3", Day3));
        Assert.Equal("fp-2", state.FullListFingerprint);

        state.CommitUnchangedFull("f3", Day3);

        Assert.Equal(new FeedWatermark(Day3, "f3", "fp-2", 3), state.Full);
        Assert.False(state.PricesLoaded);
        Assert.Throws<InvalidOperationException>(() => state.Diff(PriceFileKind.PriceFull, Batch("f4", Day3.AddDays(1), ("a", 1m))));
    }

    [Fact]
    public void A_newer_full_list_writes_only_changes_and_removes_missing_items()
    {
        var state = Applied(PriceFileKind.PriceFull, Batch("f1", Day1, ("a", 1m), ("b", 2m), ("c", 3m)));

        var diff = state.Diff(PriceFileKind.PriceFull, Batch("f2", Day2, ("a", 1m), ("b", 2.5m), ("d", 4m)));

        Assert.Equal(["b", "d"], diff.Upserts.Select(u => u.ProductKey).Order());
        Assert.Equal(["c"], diff.Removed);
    }

    [Fact]
    public void An_unchanged_next_day_writes_nothing()
    {
        var state = Applied(PriceFileKind.PriceFull, Batch("f1", Day1, ("a", 1m), ("b", 2m)));

        var diff = state.Diff(PriceFileKind.PriceFull, Batch("f2", Day2, ("a", 1m), ("b", 2m)));

        Assert.Null(diff.SkippedReason);
        Assert.True(diff.IsEmpty);
    }

    [Fact]
    public void An_older_or_repeated_full_list_is_skipped()
    {
        var state = Applied(PriceFileKind.PriceFull, Batch("f2", Day2, ("a", 1m)));

        Assert.NotNull(state.Diff(PriceFileKind.PriceFull, Batch("f1", Day1, ("a", 9m))).SkippedReason);
        Assert.Equal("already applied", state.Diff(PriceFileKind.PriceFull, Batch("f2", Day2, ("a", 1m))).SkippedReason);
    }

    [Fact]
    public void A_delta_updates_only_what_it_lists()
    {
        var state = Applied(PriceFileKind.PriceFull, Batch("f1", Day1, ("a", 1m), ("b", 2m)));

        var diff = state.Diff(PriceFileKind.Price, Batch("d1", Day1.AddHours(3), ("a", 1.5m), ("b", 2m)));

        Assert.Equal(["a"], diff.Upserts.Select(u => u.ProductKey));
        Assert.Empty(diff.Removed);
    }

    [Fact]
    public void A_delta_older_than_the_full_list_is_skipped()
    {
        var state = Applied(PriceFileKind.PriceFull, Batch("f2", Day2, ("a", 1m)));

        Assert.NotNull(state.Diff(PriceFileKind.Price, Batch("d1", Day1, ("a", 5m))).SkippedReason);
    }

    [Fact]
    public void A_full_list_arriving_after_a_newer_delta_keeps_the_delta_price()
    {
        var state = Applied(PriceFileKind.PriceFull, Batch("f1", Day1, ("a", 1m), ("b", 2m)));
        Commit(state, PriceFileKind.Price, Batch("d3", Day3, ("a", 7m), ("c", 3m)));

        var diff = state.Diff(PriceFileKind.PriceFull, Batch("f2", Day2, ("a", 1m), ("b", 2.2m)));

        Assert.Equal(["b"], diff.Upserts.Select(u => u.ProductKey));
        Assert.Empty(diff.Removed);
        Assert.Equal(7m, state.Get("a")?.Price);
    }

    [Fact]
    public void An_item_listed_twice_takes_its_latest_row()
    {
        var state = Empty();
        var rows = new[] { Row("a", 1m, Day1.AddHours(-2)), Row("a", 1.2m, Day1.AddHours(-1)), Row("a", 0.9m, Day1.AddHours(-3)) };

        var diff = state.Diff(PriceFileKind.PriceFull, new PriceBatch("f1", Day1, rows));

        Assert.Equal(1.2m, Assert.Single(diff.Upserts).Price);
    }

    [Fact]
    public void An_item_that_comes_back_is_written_again()
    {
        var state = Applied(PriceFileKind.PriceFull, Batch("f1", Day1, ("a", 1m), ("b", 2m)));
        Commit(state, PriceFileKind.PriceFull, Batch("f2", Day2, ("a", 1m)));
        Assert.False(state.Get("b")?.Available);

        var diff = state.Diff(PriceFileKind.PriceFull, Batch("f3", Day3, ("a", 1m), ("b", 2m)));

        Assert.Equal(["b"], diff.Upserts.Select(u => u.ProductKey));
    }

    private static PriceListState Empty() => PriceListState.From(new PriceListSnapshot("c", "1", [], null, null));

    private static PriceListState Applied(PriceFileKind kind, PriceBatch batch)
    {
        var state = Empty();
        Commit(state, kind, batch);
        return state;
    }

    private static void Commit(PriceListState state, PriceFileKind kind, PriceBatch batch) => state.Commit(kind, batch, state.Diff(kind, batch));

    private static PriceBatch Batch(string importId, DateTimeOffset at, params (string Key, decimal Price)[] rows) =>
        new(importId, at, rows.Select(r => Row(r.Key, r.Price, null)).ToList());

    private static PriceRow Row(string key, decimal price, DateTimeOffset? updated) =>
        new(key, key, false, price, null, updated, $"item {key}", null, null, null, null, null, null, false);
}
