using Gogobe.Storage.FeedState;
using Gogobe.Storage.Prices;
using Gogobe.Storage.Products;
using Gogobe.Testing;
using static Gogobe.Storage.Tests.PriceSamples;

namespace Gogobe.Storage.Tests;

public sealed class ProductCatalogTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly PriceListStore prices = new(database.DataSource);
    private readonly ProductCatalog catalog = new(database.DataSource);

    [Fact]
    public async Task Canonical_facts_are_filled_once_and_every_chain_keeps_its_own_name()
    {
        const string key = "7290000000999";
        await prices.ApplyAsync(Full("7290000000001", "001", "imp-1", Day1, Row(key, 5m, "") with { Manufacturer = null, Quantity = null }));
        await prices.ApplyAsync(Full("7290000000002", "001", "imp-2", Day1, Row(key, 6m, "חלב תנובה 3% 1 ליטר")));
        await prices.ApplyAsync(Full("7290000000003", "001", "imp-3", Day1, Row(key, 7m, "חלב 3% קרטון") with { Manufacturer = "אחר" }));
        await prices.ApplyAsync(Full("7290000000001", "001", "imp-4", Day1.AddDays(1), Row(key, 5.5m, "חלב 3%")));

        var product = await catalog.GetAsync(key);

        Assert.NotNull(product);
        Assert.Equal(("חלב תנובה 3% 1 ליטר", "תנובה", 1m, key, (string?)null), (product.Name, product.Manufacturer, product.Quantity!.Value, product.Barcode, product.ChainId));
        Assert.Equal(
            [("7290000000001", "חלב 3%"), ("7290000000002", "חלב תנובה 3% 1 ליטר"), ("7290000000003", "חלב 3% קרטון")],
            product.Sources.Select(s => (s.ChainId, s.Name)));
        Assert.Equal("אחר", product.Sources[2].Manufacturer);
        Assert.Null(await catalog.GetAsync("unknown"));
    }

    [Fact]
    public async Task Stores_of_a_chain_arriving_together_write_its_catalogue_once_and_later_changes_still_land()
    {
        const string chain = "7290000000010";
        var rows = Many(500, "77");
        var outcomes = await Task.WhenAll(Enumerable.Range(1, 8).Select(store =>
            prices.ApplyAsync(Full(chain, $"{store:D3}", $"imp-cat-{store}", Day1, [.. rows]))));

        Assert.All(outcomes, o => Assert.Equal((ApplyStatus.Applied, 500), (o.Status, o.PricesWritten)));
        Assert.Equal(500L, await database.ScalarAsync<long>("SELECT count(*) FROM products WHERE product_key LIKE '77%'"));
        Assert.Equal(500L, await database.ScalarAsync<long>($"SELECT count(*) FROM product_sources WHERE chain_id = '{chain}'"));
        Assert.Equal(4000L, await database.ScalarAsync<long>($"SELECT count(*) FROM store_prices WHERE chain_id = '{chain}'"));

        // A renamed item from a store this process has seen, then one from another process (nothing remembered).
        var renamed = rows[7] with { Name = "שם חדש", Price = 99m };
        await prices.ApplyAsync(Delta(chain, "001", "imp-cat-rename", Day1.AddHours(1), renamed));
        Assert.Equal("שם חדש", (await catalog.GetAsync(renamed.ProductKey))!.Sources.Single().Name);

        var otherSilo = new PriceListStore(database.DataSource);
        await otherSilo.ApplyAsync(Delta(chain, "002", "imp-cat-rename-2", Day1.AddHours(2), renamed with { Name = "שם שלישי" }));
        Assert.Equal("שם שלישי", (await catalog.GetAsync(renamed.ProductKey))!.Sources.Single().Name);
    }

    [Fact]
    public async Task A_price_file_says_which_products_it_added_to_the_catalogue_and_no_later_file_says_it_again()
    {
        var first = await prices.ApplyAsync(Full("7290000000020", "001", "imp-new-1", Day1, Row("7290000002001", 5m), Row("7290000002002", 6m)));
        var sameChain = await prices.ApplyAsync(Full("7290000000020", "002", "imp-new-2", Day1, Row("7290000002001", 5m), Row("7290000002002", 6m)));
        var otherChain = await new PriceListStore(database.DataSource).ApplyAsync(
            Full("7290000000021", "001", "imp-new-3", Day1, Row("7290000002002", 7m, "חלב אחר"), Row("7290000002003", 8m)));

        Assert.Equal(["7290000002001", "7290000002002"], first.NewProducts);
        Assert.Empty(sameChain.NewProducts);
        Assert.Equal(["7290000002003"], otherChain.NewProducts);
    }
}
