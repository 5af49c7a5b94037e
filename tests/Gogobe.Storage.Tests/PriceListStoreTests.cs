using Gogobe.Storage.FeedState;
using Gogobe.Storage.Prices;
using Gogobe.Testing;
using Npgsql;
using static Gogobe.Storage.Tests.PriceSamples;

namespace Gogobe.Storage.Tests;

public sealed class PriceListStoreTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const string Chain = "7290027600007";
    private readonly PriceListStore prices = new(database.DataSource);

    [Fact]
    public async Task First_apply_writes_exactly_the_rows_their_baselines_and_the_watermark_and_no_history()
    {
        var updated = Day1.AddHours(-5);
        var internalItem = Row($"{Chain}:70", 3.5m, "לחמניה") with { ItemCode = "70", IsInternalCode = true };
        var change = Full(Chain, "001", "imp-1", Day1, Row("7290000000011", 6.90m, updatedAt: updated), Row("7290000000012", 12.50m), internalItem);

        var outcome = await prices.ApplyAsync(change);
        var snapshot = await prices.LoadAsync(Chain, "001");

        Assert.Equal(new PriceListApplyOutcome(ApplyStatus.Applied, 3, 0, 0, true), outcome);
        Assert.Equal(
            [
                new StoredPrice("7290000000011", 6.90m, 69.0m, true, updated, Day1),
                new StoredPrice("7290000000012", 12.50m, 125.0m, true, null, Day1),
                new StoredPrice($"{Chain}:70", 3.5m, 35.0m, true, null, Day1),
            ],
            snapshot.Prices.OrderBy(p => p.ProductKey, StringComparer.Ordinal));
        Assert.Equal(new FeedWatermark(Day1, "imp-1"), snapshot.FullWatermark);
        Assert.Null(snapshot.DeltaWatermark);
        Assert.Empty(await ChangesAsync("001"));
        Assert.Equal(
            [("7290000000011", (DateTimeOffset?)updated, (long?)null), ("7290000000012", Day1, null), ($"{Chain}:70", Day1, null)],
            await BaselinesAsync("001"));
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM chains WHERE chain_id = @c", new NpgsqlParameter("c", Chain)));
        Assert.Equal(
            Chain,
            await database.ScalarAsync<string>($"SELECT chain_id FROM products WHERE product_key = '{Chain}:70' AND barcode IS NULL"));
    }

    [Fact]
    public async Task Unit_prices_keep_four_decimals_rounded_as_the_silo_rounds_them_on_both_write_paths()
    {
        // As chains publish them: per gram, per 100 ml with a long fraction, a tie at the fifth decimal, a whole number.
        decimal[] published = [0.0273m, 0.908333333333333m, 0.12345m, 0.00005m, 28.0000m];
        PriceChangeRow[] Rows(decimal price) => [.. published.Select((unit, i) => Row($"72900000009{i:D2}", price) with { UnitPrice = unit })];

        await prices.ApplyAsync(Full(Chain, "020", "imp-u1", Day1, Rows(5m)));
        await prices.ApplyAsync(Full(Chain, "021", "imp-u2", Day1, Row("7290000000999", 1m)));
        await prices.ApplyAsync(Full(Chain, "021", "imp-u3", Day1.AddDays(1), Rows(6m)));

        foreach (var store in new[] { "020", "021" })
        {
            var stored = (await prices.LoadAsync(Chain, store)).Prices.Where(p => p.Available).ToDictionary(p => p.ProductKey, p => p.UnitPrice);
            Assert.Equal(
                published.Select(u => StoredPrecision.UnitPrice(u)),
                published.Select((_, i) => stored[$"72900000009{i:D2}"]));
        }

        Assert.Equal([0.0273m, 0.9083m, 0.1235m, 0.0001m, 28m], published.Select(u => StoredPrecision.UnitPrice(u)!.Value));
    }

    [Fact]
    public async Task Applying_the_same_change_again_changes_nothing()
    {
        var full = Full(Chain, "002", "imp-2", Day1, Row("7290000000021", 5m), Row("7290000000022", 7m));
        var delta = Delta(Chain, "002", "imp-2d", Day1.AddHours(2), Row("7290000000021", 5.5m));
        await prices.ApplyAsync(full);
        await prices.ApplyAsync(delta);
        var before = await ChangesAsync("002");

        var fullAgain = await prices.ApplyAsync(full);
        var deltaAgain = await prices.ApplyAsync(delta);

        Assert.Equal(PriceListApplyOutcome.Stale, fullAgain);
        Assert.Equal(new PriceListApplyOutcome(ApplyStatus.Applied, 0, 0, 0, false), deltaAgain);
        Assert.Equal(before, await ChangesAsync("002"));
        Assert.Equal(5.5m, (await prices.LoadAsync(Chain, "002")).Prices.Single(p => p.ProductKey == "7290000000021").Price);
    }

    [Fact]
    public async Task An_older_file_neither_moves_the_watermark_nor_overwrites_prices()
    {
        await prices.ApplyAsync(Full(Chain, "003", "imp-new", Day1.AddDays(1), Row("7290000000031", 9m)));

        var olderFull = await prices.ApplyAsync(Full(Chain, "003", "imp-old", Day1, Row("7290000000031", 8m)));
        var olderDelta = await prices.ApplyAsync(Delta(Chain, "003", "imp-old-d", Day1.AddHours(3), Row("7290000000031", 7m)));
        var olderMark = await prices.MarkAppliedAsync(Chain, "003", PriceFileKind.PriceFull, "imp-older", Day1);
        var snapshot = await prices.LoadAsync(Chain, "003");

        Assert.Equal(ApplyStatus.Stale, olderFull.Status);
        Assert.Equal(ApplyStatus.Stale, olderDelta.Status);
        Assert.False(olderMark);
        Assert.Equal(new FeedWatermark(Day1.AddDays(1), "imp-new"), snapshot.FullWatermark);
        Assert.Equal(9m, snapshot.Prices.Single().Price);
    }

    [Fact]
    public async Task A_late_delta_keeps_the_rows_a_newer_delta_wrote()
    {
        await prices.ApplyAsync(Full(Chain, "004", "imp-f", Day1, Row("7290000000041", 1m), Row("7290000000042", 2m)));
        await prices.ApplyAsync(Delta(Chain, "004", "imp-d3", Day1.AddHours(3), Row("7290000000041", 1.3m)));

        var late = await prices.ApplyAsync(Delta(Chain, "004", "imp-d2", Day1.AddHours(2), Row("7290000000041", 1.2m), Row("7290000000042", 2.2m)));
        var snapshot = await prices.LoadAsync(Chain, "004");

        Assert.Equal(new PriceListApplyOutcome(ApplyStatus.Applied, 1, 1, 0, false), late);
        Assert.Equal(1.3m, snapshot.Prices.Single(p => p.ProductKey == "7290000000041").Price);
        Assert.Equal(2.2m, snapshot.Prices.Single(p => p.ProductKey == "7290000000042").Price);
        Assert.Equal(new FeedWatermark(Day1.AddHours(3), "imp-d3"), snapshot.DeltaWatermark);
    }

    [Fact]
    public async Task Removed_items_become_unavailable_with_a_null_price_change_and_can_come_back()
    {
        await prices.ApplyAsync(Full(Chain, "005", "imp-a", Day1, Row("7290000000051", 4m), Row("7290000000052", 5m)));

        var removal = await prices.ApplyAsync(new PriceListChange(Chain, "005", PriceFileKind.PriceFull, "imp-b", Day1.AddDays(1), [], ["7290000000052"]));
        var afterRemoval = await prices.LoadAsync(Chain, "005");
        var back = await prices.ApplyAsync(Full(Chain, "005", "imp-c", Day1.AddDays(2), Row("7290000000052", 5m)));

        Assert.Equal(new PriceListApplyOutcome(ApplyStatus.Applied, 0, 1, 1, true), removal);
        Assert.False(afterRemoval.Prices.Single(p => p.ProductKey == "7290000000052").Available);
        Assert.True(afterRemoval.Prices.Single(p => p.ProductKey == "7290000000051").Available);
        Assert.Equal(new PriceListApplyOutcome(ApplyStatus.Applied, 1, 1, 0, true), back);
        Assert.Equal(
            [(null, (decimal?)5m, Day1.AddDays(1)), (5m, null, Day1.AddDays(2))],
            (await ChangesAsync("005")).Where(c => c.Key == "7290000000052").Select(c => ((decimal?)c.Price, c.Previous, c.At)));
        Assert.Equal(Day1, (await BaselinesAsync("005")).Single(b => b.Key == "7290000000052").FirstSeenAt);
    }

    [Fact]
    public async Task Only_changes_to_known_items_are_recorded_in_the_history_and_a_new_item_gets_a_baseline()
    {
        await prices.ApplyAsync(Full(Chain, "006", "imp-1", Day1, Row("7290000000061", 10m), Row("7290000000062", 20m)));

        var next = await prices.ApplyAsync(Full(Chain, "006", "imp-2", Day1.AddDays(1),
            Row("7290000000061", 10m), Row("7290000000062", 21m), Row("7290000000063", 3m)));
        var changes = await ChangesAsync("006");

        Assert.Equal(new PriceListApplyOutcome(ApplyStatus.Applied, 2, 1, 0, true), next);
        Assert.Equal([("7290000000062", (decimal?)21m, (decimal?)20m, Day1.AddDays(1))], changes);
        Assert.Equal(
            [("7290000000061", (DateTimeOffset?)Day1, (long?)null), ("7290000000062", Day1, null), ("7290000000063", Day1.AddDays(1), null)],
            await BaselinesAsync("006"));
    }

    [Fact]
    public async Task A_baseline_names_the_import_that_first_listed_the_item()
    {
        const string first = "imp-logged-1", second = "imp-logged-2";
        await database.ScalarAsync<int>(
            "INSERT INTO imports (import_id, file_name, size_bytes, status, submitted_at) VALUES ('imp-logged-1', 'a', 1, 'Running', now()), ('imp-logged-2', 'b', 1, 'Running', now()) RETURNING 1");
        var seq1 = await database.ScalarAsync<long>($"SELECT seq FROM imports WHERE import_id = '{first}'");
        var seq2 = await database.ScalarAsync<long>($"SELECT seq FROM imports WHERE import_id = '{second}'");

        await prices.ApplyAsync(Full(Chain, "009", first, Day1, Row("7290000000091", 1m)));
        await prices.ApplyAsync(Delta(Chain, "009", second, Day1.AddHours(1), Row("7290000000091", 1.5m), Row("7290000000092", 2m)));

        Assert.Equal(
            [("7290000000091", (DateTimeOffset?)Day1, (long?)seq1), ("7290000000092", Day1.AddHours(1), seq2)],
            await BaselinesAsync("009"));
        Assert.Equal([("7290000000091", (decimal?)1.5m, (decimal?)1m, Day1.AddHours(1))], await ChangesAsync("009"));
    }

    [Fact]
    public async Task Marking_an_unchanged_file_moves_the_watermark_once()
    {
        await prices.ApplyAsync(Full(Chain, "007", "imp-1", Day1, Row("7290000000071", 1m)));

        var moved = await prices.MarkAppliedAsync(Chain, "007", PriceFileKind.PriceFull, "imp-2", Day1.AddDays(1));
        var again = await prices.MarkAppliedAsync(Chain, "007", PriceFileKind.PriceFull, "imp-2", Day1.AddDays(1));

        Assert.True(moved);
        Assert.False(again);
        Assert.Equal(new FeedWatermark(Day1.AddDays(1), "imp-2"), (await prices.LoadAsync(Chain, "007")).FullWatermark);
    }

    [Fact]
    public async Task Watermarks_load_without_the_prices()
    {
        Assert.Equal((null, null), await prices.LoadWatermarksAsync(Chain, "010"));
        await prices.ApplyAsync(Full(Chain, "010", "imp-f", Day1, Row("7290000000101", 1m)) with { Content = new ContentIdentity("fp", 1) });
        await prices.ApplyAsync(Delta(Chain, "010", "imp-d", Day1.AddHours(1), Row("7290000000101", 2m)));

        var (full, delta) = await prices.LoadWatermarksAsync(Chain, "010");
        var snapshot = await prices.LoadAsync(Chain, "010");

        Assert.Equal(new FeedWatermark(Day1, "imp-f", "fp", 1), full);
        Assert.Equal(new FeedWatermark(Day1.AddHours(1), "imp-d"), delta);
        Assert.Equal((snapshot.FullWatermark, snapshot.DeltaWatermark), (full, delta));
    }

    [Fact]
    public async Task A_delta_cannot_remove_items()
    {
        var change = new PriceListChange(Chain, "008", PriceFileKind.Price, "imp-x", Day1, [], ["7290000000081"]);

        await Assert.ThrowsAsync<ArgumentException>(() => prices.ApplyAsync(change));
    }

    private async Task<List<(string Key, DateTimeOffset? FirstSeenAt, long? FirstImport)>> BaselinesAsync(string store)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT product_key, first_seen_at, first_import FROM store_prices WHERE chain_id = @c AND store_id = @s ORDER BY product_key COLLATE \"C\"");
        command.Parameters.AddWithValue("c", Chain);
        command.Parameters.AddWithValue("s", store);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, DateTimeOffset?, long?)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1), reader.IsDBNull(2) ? null : reader.GetInt64(2)));
        }

        return rows;
    }

    private async Task<List<(string Key, decimal? Price, decimal? Previous, DateTimeOffset At)>> ChangesAsync(string store)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT product_key, price, previous_price, changed_at FROM price_changes WHERE chain_id = @c AND store_id = @s ORDER BY id");
        command.Parameters.AddWithValue("c", Chain);
        command.Parameters.AddWithValue("s", store);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, decimal?, decimal?, DateTimeOffset)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetDecimal(1),
                reader.IsDBNull(2) ? null : reader.GetDecimal(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return rows;
    }
}
