using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gogobe.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Gogobe.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class CacheInvalidationTests(GatewayCluster gateway, ITestOutputHelper output)
{
    [Fact]
    public async Task A_cached_price_changes_within_a_second_of_a_price_change_import()
    {
        var prices = SharedFeeds.Prices(SharedFeeds.RamiLevyPrices);
        var key = ProductEndpointTests.ChangedByCacheTest(prices);
        var before = prices[key].Price;
        var after = before + 1.11m;
        var url = $"/api/products/{key}/prices?chain={SharedFeeds.RamiLevy}";
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(before, await PriceAsync(url));
        }

        Assert.Equal(before, (await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/products/{key}")).GetProperty("prices").GetProperty("min").GetDecimal());
        var metrics = await gateway.Http.GetStringAsync("/metrics");
        Assert.Contains("gogobe_gateway_cache_hits", metrics, StringComparison.Ordinal);
        Assert.Contains("gogobe_gateway_cache_misses", metrics, StringComparison.Ordinal);

        var pattern = new Regex($"(<ItemCode>{key}</ItemCode>.*?<ItemPrice>)([^<]+)(</ItemPrice>)", RegexOptions.Singleline);
        var newer = gateway.Rewrite(SharedFeeds.RamiLevyPrices, "PriceFull7290058140886-006-202608130010.xml",
            text => pattern.Replace(text, m => m.Groups[1].Value + after.ToString("0.00", CultureInfo.InvariantCulture) + m.Groups[3].Value, 1));
        var import = await gateway.ImportAsync(newer);
        Assert.Equal(1, import.GetProperty("rowsChanged").GetInt32());

        var clock = Stopwatch.StartNew();
        decimal seen;
        while ((seen = await PriceAsync(url)) != after && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(20);
        }

        output.WriteLine($"new price served {clock.ElapsedMilliseconds} ms after the import completed");
        Assert.Equal(after, seen);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5), $"the cached answer changed only after {clock.ElapsedMilliseconds} ms");
        Assert.Equal(after, (await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/products/{key}")).GetProperty("prices").GetProperty("min").GetDecimal());
    }

    private async Task<decimal> PriceAsync(string url) =>
        Assert.Single((await gateway.Http.GetFromJsonAsync<JsonElement>(url)).GetProperty("prices").EnumerateArray()).GetProperty("price").GetDecimal();
}
