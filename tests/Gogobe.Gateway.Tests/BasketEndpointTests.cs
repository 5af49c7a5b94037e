using System.Net.Http.Json;
using System.Text.Json;
using Gogobe.Feeds.Model;
using Gogobe.Gateway.Tests.Infrastructure;
using Gogobe.Testing;

namespace Gogobe.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class BasketEndpointTests(GatewayCluster gateway)
{
    [Fact]
    public async Task A_basket_is_priced_per_store_and_split_over_the_two_stores()
    {
        var rami = SharedFeeds.Prices(SharedFeeds.RamiLevyPrices);
        var osher = SharedFeeds.Prices(SharedFeeds.OsherAdPrices);
        var untouched = new HashSet<string>(SharedFeeds.Prices(SharedFeeds.OsherAdDelta).Keys) { ProductEndpointTests.ChangedByCacheTest(rami) };
        untouched.UnionWith(SharedFeeds.Read(SharedFeeds.RamiLevyPromotions001).Records.OfType<Promotion>().SelectMany(p => p.Items).Select(i => i.Key.Value));
        var plain = (Dictionary<string, PriceItem> d) => d.Keys.Where(k => !k.Contains(':', StringComparison.Ordinal) && !untouched.Contains(k)).Order(StringComparer.Ordinal);
        var both = plain(rami).Where(osher.ContainsKey).Where(k => rami[k].Price != osher[k].Price).Take(2).ToList();
        var ramiOnly = plain(rami).First(k => !osher.ContainsKey(k));
        var osherOnly = plain(osher).First(k => !rami.ContainsKey(k));
        string[] keys = [.. both, ramiOnly, osherOnly];

        var request = new { items = keys.Select(k => new { key = k, quantity = 2 }), near = "32.22,35.27", radiusKm = 60, maxStores = 2 };
        using var response = await gateway.Http.PostAsJsonAsync("/api/baskets/compare", request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());

        Assert.Equal(2, body.GetProperty("storesConsidered").GetInt32());
        var ramiTotal = 2 * (both.Sum(k => rami[k].Price) + rami[ramiOnly].Price);
        var osherTotal = 2 * (both.Sum(k => osher[k].Price) + osher[osherOnly].Price);
        var stores = body.GetProperty("stores").EnumerateArray().ToDictionary(s => s.GetProperty("chainId").GetString()!);
        Assert.Equal(ramiTotal, stores[SharedFeeds.RamiLevy].GetProperty("total").GetDecimal());
        Assert.Equal([osherOnly], stores[SharedFeeds.RamiLevy].GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(osherTotal, stores[SharedFeeds.OsherAd].GetProperty("total").GetDecimal());
        Assert.Equal(Math.Min(ramiTotal, osherTotal), body.GetProperty("cheapestStore").GetProperty("total").GetDecimal());

        var split = body.GetProperty("split");
        var expected = 2 * (both.Sum(k => Math.Min(rami[k].Price, osher[k].Price)) + rami[ramiOnly].Price + osher[osherOnly].Price);
        Assert.Equal(expected, split.GetProperty("total").GetDecimal());
        Assert.Empty(split.GetProperty("missing").EnumerateArray());
        Assert.Equal(2, split.GetProperty("stores").GetArrayLength());
        Assert.Equal(keys.Length, split.GetProperty("stores").EnumerateArray().Sum(s => s.GetProperty("items").GetArrayLength()));

        using var single = await gateway.Http.PostAsJsonAsync("/api/baskets/compare", request with { maxStores = 1 });
        var one = (await single.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("split");
        Assert.Equal(Math.Min(ramiTotal, osherTotal), one.GetProperty("total").GetDecimal());
        Assert.Single(one.GetProperty("stores").EnumerateArray());
    }
}
