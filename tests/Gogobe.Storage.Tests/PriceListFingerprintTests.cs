using Gogobe.Storage.FeedState;
using Gogobe.Storage.Prices;
using Gogobe.Testing;
using Npgsql;
using static Gogobe.Storage.Tests.PriceSamples;

namespace Gogobe.Storage.Tests;

public sealed class PriceListFingerprintTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const string Chain = "7290058140886";
    private const string Same = "5f0e3c1d9a8b7c6d5e4f3a2b1c0d9e8f";
    private const string Other = "0123456789abcdef0123456789abcdef";
    private readonly PriceListStore prices = new(database.DataSource);

    [Fact]
    public async Task A_full_list_applied_with_its_content_records_the_fingerprint_and_rows()
    {
        var outcome = await prices.ApplyAsync(FullWithContent("101", "imp-1", Day1, Same));
        var snapshot = await prices.LoadAsync(Chain, "101");

        Assert.Equal(new PriceListApplyOutcome(ApplyStatus.Applied, 2, 0, 0, true), outcome);
        Assert.Equal(new FeedWatermark(Day1, "imp-1", Same, 2), snapshot.FullWatermark);
        Assert.Null(snapshot.DeltaWatermark);
        Assert.Equal(
            $"{Same}/2",
            await database.ScalarAsync<string>(
                "SELECT content_fingerprint || '/' || content_rows FROM store_feed_state WHERE chain_id = @c AND store_id = '101' AND kind = 'PriceFull'",
                new NpgsqlParameter("c", Chain)));
    }

    [Fact]
    public async Task An_unchanged_newer_full_list_only_moves_the_watermark()
    {
        await prices.ApplyAsync(FullWithContent("102", "imp-1", Day1, Same));
        var before = await prices.LoadAsync(Chain, "102");
        var changesBefore = await ChangeCountAsync("102");

        var moved = await prices.ApplyUnchangedFullAsync(Chain, "102", "imp-2", Day1.AddDays(1), Same);
        var after = await prices.LoadAsync(Chain, "102");

        Assert.True(moved);
        Assert.Equal(new FeedWatermark(Day1.AddDays(1), "imp-2", Same, 2), after.FullWatermark);
        Assert.Null(after.DeltaWatermark);
        Assert.Equal(Sorted(before.Prices), Sorted(after.Prices));
        Assert.Equal(0L, changesBefore);
        Assert.Equal(changesBefore, await ChangeCountAsync("102"));
    }

    [Fact]
    public async Task After_an_unchanged_full_list_a_file_older_than_it_is_stale()
    {
        await prices.ApplyAsync(FullWithContent("103", "imp-1", Day1, Same));
        await prices.ApplyUnchangedFullAsync(Chain, "103", "imp-2", Day1.AddDays(1), Same);

        var olderFull = await prices.ApplyAsync(Full(Chain, "103", "imp-mid", Day1.AddHours(12), Row("7290000001031", 99m)));
        var olderDelta = await prices.ApplyAsync(Delta(Chain, "103", "imp-mid-d", Day1.AddHours(13), Row("7290000001031", 98m)));

        Assert.Equal(PriceListApplyOutcome.Stale, olderFull);
        Assert.Equal(PriceListApplyOutcome.Stale, olderDelta);
        Assert.Equal(1.10m, (await prices.LoadAsync(Chain, "103")).Prices.Single(p => p.ProductKey == "7290000001031").Price);
    }

    [Fact]
    public async Task An_unchanged_full_list_can_follow_another_one()
    {
        await prices.ApplyAsync(FullWithContent("104", "imp-1", Day1, Same));

        var second = await prices.ApplyUnchangedFullAsync(Chain, "104", "imp-2", Day1.AddDays(1), Same);
        var third = await prices.ApplyUnchangedFullAsync(Chain, "104", "imp-3", Day1.AddDays(2), Same);

        Assert.True(second);
        Assert.True(third);
        Assert.Equal(new FeedWatermark(Day1.AddDays(2), "imp-3", Same, 2), (await prices.LoadAsync(Chain, "104")).FullWatermark);
    }

    [Fact]
    public async Task A_different_fingerprint_is_refused()
    {
        await prices.ApplyAsync(FullWithContent("105", "imp-1", Day1, Same));

        var moved = await prices.ApplyUnchangedFullAsync(Chain, "105", "imp-2", Day1.AddDays(1), Other);

        Assert.False(moved);
        Assert.Equal(new FeedWatermark(Day1, "imp-1", Same, 2), (await prices.LoadAsync(Chain, "105")).FullWatermark);
    }

    [Theory]
    [InlineData("106", 0)]
    [InlineData("107", -1)]
    public async Task A_file_not_newer_than_the_full_list_is_refused(string store, int hours)
    {
        await prices.ApplyAsync(FullWithContent(store, "imp-1", Day1, Same));

        var moved = await prices.ApplyUnchangedFullAsync(Chain, store, "imp-2", Day1.AddHours(hours), Same);

        Assert.False(moved);
        Assert.Equal(new FeedWatermark(Day1, "imp-1", Same, 2), (await prices.LoadAsync(Chain, store)).FullWatermark);
    }

    [Theory]
    [InlineData("108", 0)]
    [InlineData("109", 2)]
    public async Task A_delta_applied_on_top_of_the_full_list_blocks_it(string store, int hours)
    {
        await prices.ApplyAsync(FullWithContent(store, "imp-1", Day1, Same));
        var delta = await prices.ApplyAsync(Delta(Chain, store, "imp-d", Day1.AddHours(hours), Row($"729000000{store}1", 1.25m)));

        var moved = await prices.ApplyUnchangedFullAsync(Chain, store, "imp-2", Day1.AddDays(1), Same);
        var snapshot = await prices.LoadAsync(Chain, store);

        Assert.Equal(new PriceListApplyOutcome(ApplyStatus.Applied, 1, 1, 0, true), delta);
        Assert.False(moved);
        Assert.Equal(new FeedWatermark(Day1, "imp-1", Same, 2), snapshot.FullWatermark);
        Assert.Equal(1.25m, snapshot.Prices.Single(p => p.ProductKey == $"729000000{store}1").Price);
    }

    [Fact]
    public async Task A_delta_marked_applied_on_top_of_the_full_list_blocks_it()
    {
        await prices.ApplyAsync(FullWithContent("110", "imp-1", Day1, Same));
        await prices.MarkAppliedAsync(Chain, "110", PriceFileKind.Price, "imp-d", Day1.AddHours(1));

        var moved = await prices.ApplyUnchangedFullAsync(Chain, "110", "imp-2", Day1.AddDays(1), Same);

        Assert.False(moved);
        Assert.Equal(new FeedWatermark(Day1, "imp-1", Same, 2), (await prices.LoadAsync(Chain, "110")).FullWatermark);
    }

    [Fact]
    public async Task A_delta_older_than_the_full_list_does_not_block_it()
    {
        await prices.ApplyAsync(Delta(Chain, "111", "imp-d", Day1.AddHours(-3), Row("7290000001111", 0.90m)));
        await prices.ApplyAsync(FullWithContent("111", "imp-1", Day1, Same));

        var moved = await prices.ApplyUnchangedFullAsync(Chain, "111", "imp-2", Day1.AddDays(1), Same);
        var snapshot = await prices.LoadAsync(Chain, "111");

        Assert.True(moved);
        Assert.Equal(new FeedWatermark(Day1.AddDays(1), "imp-2", Same, 2), snapshot.FullWatermark);
        Assert.Equal(new FeedWatermark(Day1.AddHours(-3), "imp-d"), snapshot.DeltaWatermark);
    }

    [Fact]
    public async Task A_full_list_applied_without_content_clears_the_fingerprint()
    {
        await prices.ApplyAsync(FullWithContent("112", "imp-1", Day1, Same));
        var plain = await prices.ApplyAsync(Full(Chain, "112", "imp-2", Day1.AddDays(1), Row("7290000001121", 1.10m), Row("7290000001122", 2.30m)));

        var afterPlain = await prices.LoadAsync(Chain, "112");
        var moved = await prices.ApplyUnchangedFullAsync(Chain, "112", "imp-3", Day1.AddDays(2), Same);

        Assert.Equal(new PriceListApplyOutcome(ApplyStatus.Applied, 1, 1, 0, true), plain);
        Assert.Equal(new FeedWatermark(Day1.AddDays(1), "imp-2"), afterPlain.FullWatermark);
        Assert.False(moved);
        Assert.Equal(new FeedWatermark(Day1.AddDays(1), "imp-2"), (await prices.LoadAsync(Chain, "112")).FullWatermark);
    }

    [Fact]
    public async Task Marking_a_full_list_applied_records_or_clears_its_content()
    {
        await prices.ApplyAsync(FullWithContent("113", "imp-1", Day1, Same));

        var marked = await prices.MarkAppliedAsync(Chain, "113", PriceFileKind.PriceFull, "imp-2", Day1.AddDays(1), new ContentIdentity(Other, 2));
        var afterMark = (await prices.LoadAsync(Chain, "113")).FullWatermark;
        var refusedOld = await prices.ApplyUnchangedFullAsync(Chain, "113", "imp-3", Day1.AddDays(2), Same);
        var cleared = await prices.MarkAppliedAsync(Chain, "113", PriceFileKind.PriceFull, "imp-4", Day1.AddDays(3));
        var refusedCleared = await prices.ApplyUnchangedFullAsync(Chain, "113", "imp-5", Day1.AddDays(4), Other);

        Assert.True(marked);
        Assert.Equal(new FeedWatermark(Day1.AddDays(1), "imp-2", Other, 2), afterMark);
        Assert.False(refusedOld);
        Assert.True(cleared);
        Assert.False(refusedCleared);
        Assert.Equal(new FeedWatermark(Day1.AddDays(3), "imp-4"), (await prices.LoadAsync(Chain, "113")).FullWatermark);
    }

    [Fact]
    public async Task A_store_without_that_full_list_is_refused_even_when_another_store_has_it()
    {
        await prices.ApplyAsync(FullWithContent("114", "imp-1", Day1, Same));

        var moved = await prices.ApplyUnchangedFullAsync(Chain, "115", "imp-2", Day1.AddDays(1), Same);
        var snapshot = await prices.LoadAsync(Chain, "115");

        Assert.False(moved);
        Assert.Null(snapshot.FullWatermark);
        Assert.Empty(snapshot.Prices);
        Assert.Equal(new FeedWatermark(Day1, "imp-1", Same, 2), (await prices.LoadAsync(Chain, "114")).FullWatermark);
    }

    private static PriceListChange FullWithContent(string store, string importId, DateTimeOffset fileAt, string fingerprint) =>
        Full(Chain, store, importId, fileAt, Row($"729000000{store}1", 1.10m), Row($"729000000{store}2", 2.20m))
            with { Content = new ContentIdentity(fingerprint, 2) };

    private static List<StoredPrice> Sorted(IEnumerable<StoredPrice> stored) => [.. stored.OrderBy(p => p.ProductKey, StringComparer.Ordinal)];

    private Task<long> ChangeCountAsync(string store) =>
        database.ScalarAsync<long>(
            "SELECT count(*) FROM price_changes WHERE chain_id = @c AND store_id = @s",
            new NpgsqlParameter("c", Chain), new NpgsqlParameter("s", store));
}
