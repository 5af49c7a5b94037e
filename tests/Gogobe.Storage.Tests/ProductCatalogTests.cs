using Gogobe.Storage.Prices;
using Gogobe.Storage.Products;
using static Gogobe.Storage.Tests.PriceSamples;

namespace Gogobe.Storage.Tests;

public sealed class ProductCatalogTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
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
}
