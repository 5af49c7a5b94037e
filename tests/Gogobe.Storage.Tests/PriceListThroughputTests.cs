using System.Diagnostics;
using Gogobe.Storage.FeedState;
using Gogobe.Storage.Prices;
using Gogobe.Testing;
using Xunit.Abstractions;
using static Gogobe.Storage.Tests.PriceSamples;

namespace Gogobe.Storage.Tests;

/// <summary>Measures, does not assert: the rate of a first import of the largest PriceFull a store publishes.</summary>
public sealed class PriceListThroughputTests(TestDatabase database, ITestOutputHelper output) : IClassFixture<TestDatabase>
{
    private const int Items = 16_000;
    private const string Chain = "7290058140886";

    [Fact]
    public async Task First_import_of_a_16k_item_price_list()
    {
        var store = new PriceListStore(database.DataSource);
        await store.ApplyAsync(Full(Chain, "warmup", "warmup", Day1, [.. Many(200, "w")]));
        var rows = Many(Items, "729");

        var newProducts = await TimeAsync(() => store.ApplyAsync(new PriceListChange(Chain, "001", PriceFileKind.PriceFull, "imp-1", Day1, rows, [])));
        var knownProducts = await TimeAsync(() => store.ApplyAsync(new PriceListChange(Chain, "002", PriceFileKind.PriceFull, "imp-2", Day1, rows, [])));
        var load = Stopwatch.StartNew();
        var snapshot = await store.LoadAsync(Chain, "001");
        load.Stop();

        Assert.Equal(ApplyStatus.Applied, newProducts.Outcome.Status);
        Assert.Equal(Items, newProducts.Outcome.PricesWritten);
        Assert.Equal(Items, knownProducts.Outcome.PricesWritten);
        Assert.Equal(0, knownProducts.Outcome.ChangesRecorded);
        Assert.Equal(Items, snapshot.Prices.Count);
        Report("first apply, new products", newProducts.Elapsed);
        Report("first apply, products known", knownProducts.Elapsed);
        Report("load", load.Elapsed);
    }

    private void Report(string what, TimeSpan elapsed) =>
        output.WriteLine($"{what}: {Items} rows in {elapsed.TotalMilliseconds:F0} ms = {Items / elapsed.TotalSeconds:N0} rows/s");

    private static async Task<(PriceListApplyOutcome Outcome, TimeSpan Elapsed)> TimeAsync(Func<Task<PriceListApplyOutcome>> apply)
    {
        var clock = Stopwatch.StartNew();
        var outcome = await apply();
        return (outcome, clock.Elapsed);
    }
}
