using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Gogobe.Feeds.Model;
using Gogobe.Gateway.Tests.Infrastructure;
using Gogobe.Testing;

namespace Gogobe.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class ProductEndpointTests(GatewayCluster gateway)
{
    /// <summary>The item whose price the cache test changes; the other tests leave it alone.</summary>
    internal static string ChangedByCacheTest(Dictionary<string, PriceItem> prices) =>
        prices.Keys.Where(k => !k.Contains(':', StringComparison.Ordinal)).Order(StringComparer.Ordinal).First();

    [Fact]
    public async Task Prices_equal_the_prices_in_the_files()
    {
        foreach (var (chain, path) in new[] { (SharedFeeds.RamiLevy, SharedFeeds.RamiLevyPrices), (SharedFeeds.OsherAd, SharedFeeds.OsherAdPrices) })
        {
            var prices = SharedFeeds.Prices(path);
            var skip = ChangedByCacheTest(prices);
            var sample = prices.Values.Where(p => p.Key.Value != skip && !p.Key.IsInternal).Where((_, i) => i % 97 == 5).Take(25).ToList();
            foreach (var item in sample)
            {
                var answer = await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/products/{item.Key.Value}/prices?chain={chain}");
                var row = Assert.Single(answer.GetProperty("prices").EnumerateArray());
                Assert.Equal(item.Price, row.GetProperty("price").GetDecimal());
            }
        }
    }

    [Fact]
    public async Task Internal_codes_are_keyed_by_chain_with_an_encoded_colon()
    {
        var item = SharedFeeds.Prices(SharedFeeds.OsherAdPrices).Values.Concat(SharedFeeds.Prices(SharedFeeds.RamiLevyPrices).Values)
            .First(p => p.Key.IsInternal && !SharedFeeds.Prices(SharedFeeds.OsherAdDelta).ContainsKey(p.Key.Value));
        var encoded = Uri.EscapeDataString(item.Key.Value);
        Assert.Contains("%3A", encoded, StringComparison.Ordinal);
        var product = await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/products/{encoded}");
        Assert.Equal(item.Key.Value, product.GetProperty("key").GetString());
        var prices = await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/products/{encoded}/prices");
        Assert.Equal(item.Price, Assert.Single(prices.GetProperty("prices").EnumerateArray()).GetProperty("price").GetDecimal());
    }

    [Fact]
    public async Task A_product_sold_by_both_chains_has_a_summary_of_both_prices()
    {
        var rami = SharedFeeds.Prices(SharedFeeds.RamiLevyPrices);
        var osher = SharedFeeds.Prices(SharedFeeds.OsherAdPrices);
        var delta = SharedFeeds.Prices(SharedFeeds.OsherAdDelta);
        var skip = ChangedByCacheTest(rami);
        var key = rami.Keys.Where(k => osher.ContainsKey(k) && !delta.ContainsKey(k) && k != skip && rami[k].Price != osher[k].Price).Order(StringComparer.Ordinal).First();

        var product = await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/products/{key}");
        var summary = product.GetProperty("prices");
        Assert.Equal(2, summary.GetProperty("stores").GetInt32());
        Assert.Equal(2, summary.GetProperty("chains").GetInt32());
        Assert.Equal(Math.Min(rami[key].Price, osher[key].Price), summary.GetProperty("min").GetDecimal());
        Assert.Equal(Math.Max(rami[key].Price, osher[key].Price), summary.GetProperty("max").GetDecimal());
        Assert.Equal(Math.Round((rami[key].Price + osher[key].Price) / 2, 2, MidpointRounding.AwayFromZero), summary.GetProperty("average").GetDecimal());
        Assert.Equal([SharedFeeds.RamiLevy, SharedFeeds.OsherAd], product.GetProperty("chains").EnumerateArray().Select(c => c.GetString()!).Order(StringComparer.Ordinal));

        var near = await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/products/{key}/prices?near=31.7683,35.2137&radiusKm=30&sort=distance");
        var only = Assert.Single(near.GetProperty("prices").EnumerateArray());
        Assert.Equal(SharedFeeds.RamiLevy, only.GetProperty("chainId").GetString());
        Assert.InRange(only.GetProperty("distanceKm").GetDouble(), 5, 15);
    }

    [Fact]
    public async Task A_public_promotion_running_now_gives_the_promotion_price()
    {
        var prices = SharedFeeds.Prices(SharedFeeds.RamiLevyPrices);
        var now = DateTimeOffset.UtcNow;
        var promotions = SharedFeeds.Read(SharedFeeds.RamiLevyPromotions001).Records.OfType<Promotion>()
            .Where(p => (p.StartsAt is null || p.StartsAt <= now) && (p.EndsAt is null || p.EndsAt > now.AddHours(1)))
            .SelectMany(p => p.Items.Where(i => !i.IsGift).Select(i => (Promotion: p, Item: i)))
            .Where(x => (x.Item.DiscountedPrice ?? x.Promotion.DiscountedPrice) is > 0 && prices.ContainsKey(x.Item.Key.Value))
            .Select(x => (x.Promotion, Key: x.Item.Key.Value, PerItem: Math.Round(
                (x.Item.DiscountedPrice ?? x.Promotion.DiscountedPrice)!.Value / Math.Max(1m, x.Item.MinQuantity ?? x.Promotion.MinQuantity ?? 1m), 2, MidpointRounding.AwayFromZero)))
            .Where(x => x.PerItem < prices[x.Key].Price)
            .ToList();
        var single = promotions.Where(x => !x.Promotion.IsClubOnly).GroupBy(x => x.Key).Where(g => g.Count() == 1 && promotions.Count(p => p.Key == g.Key) == 1)
            .Select(g => g.Single()).OrderBy(x => x.Key, StringComparer.Ordinal).FirstOrDefault();
        Assert.True(single.Key is not null, "the promotion file has no public promotion running now on an item of store 006");

        var answer = await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/products/{single.Key}/prices?chain={SharedFeeds.RamiLevy}");
        var row = Assert.Single(answer.GetProperty("prices").EnumerateArray());
        Assert.Equal(prices[single.Key].Price, row.GetProperty("price").GetDecimal());
        var promotion = row.GetProperty("promotion");
        Assert.Equal(single.Promotion.PromotionId, promotion.GetProperty("id").GetString());
        Assert.Equal(single.PerItem, promotion.GetProperty("pricePerItem").GetDecimal());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("clubOffer").ValueKind);
    }

    [Fact]
    public async Task Search_finds_a_product_by_its_words_in_any_order_and_by_barcode()
    {
        var item = SharedFeeds.Prices(SharedFeeds.OsherAdPrices).Values
            .Where(p => !p.Key.IsInternal && p.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => w.Length >= 3 && w.Any(c => c is >= 'א' and <= 'ת')) >= 2)
            .OrderBy(p => p.Key.Value, StringComparer.Ordinal).Skip(10).First();
        var words = item.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 3 && w.Any(c => c is >= 'א' and <= 'ת')).Take(2).Reverse();
        var query = Uri.EscapeDataString(string.Join(' ', words));
        var byWords = await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/products/search?q={query}&limit=50");
        Assert.Contains(byWords.GetProperty("results").EnumerateArray(), r => r.GetProperty("key").GetString() == item.Key.Value);

        var byBarcode = await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/products/search?q={item.Key.Value}");
        Assert.Equal(item.Key.Value, byBarcode.GetProperty("results")[0].GetProperty("key").GetString());
        var byPrefix = await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/products/search?q={item.Key.Value[..^2]}&limit=50");
        Assert.All(byPrefix.GetProperty("results").EnumerateArray(), r => Assert.StartsWith(item.Key.Value[..^2], r.GetProperty("key").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task History_shows_the_change_a_delta_file_makes()
    {
        var full = SharedFeeds.Prices(SharedFeeds.OsherAdPrices);
        var delta = SharedFeeds.Prices(SharedFeeds.OsherAdDelta);
        var changed = delta.Values.Where(d => full.TryGetValue(d.Key.Value, out var f) && f.Price != d.Price).OrderBy(d => d.Key.Value, StringComparer.Ordinal).First();
        await gateway.ImportAsync(SharedFeeds.OsherAdDelta);

        var history = await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/products/{changed.Key.Value}/history?chainId={SharedFeeds.OsherAd}&storeId=001");
        var changes = history.GetProperty("changes").EnumerateArray().ToList();
        Assert.Equal(2, changes.Count);
        Assert.Equal(full[changed.Key.Value].Price, changes[0].GetProperty("price").GetDecimal());
        Assert.Equal(changed.Price, changes[1].GetProperty("price").GetDecimal());
        Assert.Equal(full[changed.Key.Value].Price, changes[1].GetProperty("previousPrice").GetDecimal());

        var first = changes[0].GetProperty("changedAt").GetDateTimeOffset();
        var before = await gateway.Http.GetFromJsonAsync<JsonElement>(
            $"/api/products/{changed.Key.Value}/history?chainId={SharedFeeds.OsherAd}&to={Uri.EscapeDataString(first.AddDays(-1).ToString("O", CultureInfo.InvariantCulture))}");
        Assert.Empty(before.GetProperty("changes").EnumerateArray());
        var since = await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/products/{changed.Key.Value}/history?chainId={SharedFeeds.OsherAd}&from={first:yyyy-MM-dd}");
        Assert.Equal(2, since.GetProperty("changes").GetArrayLength());

        var now = await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/products/{changed.Key.Value}/prices?chain={SharedFeeds.OsherAd}");
        Assert.Equal(changed.Price, Assert.Single(now.GetProperty("prices").EnumerateArray()).GetProperty("price").GetDecimal());
    }
}
