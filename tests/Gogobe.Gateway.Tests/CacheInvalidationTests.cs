using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gogobe.Feeds.Model;
using Gogobe.Gateway.Tests.Infrastructure;
using Gogobe.Testing;
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

    [Fact]
    public async Task A_cached_promotion_changes_within_seconds_of_a_promotion_import()
    {
        const string after = "Promotion rewritten by the cache test";
        var prices = SharedFeeds.Prices(SharedFeeds.RamiLevyPrices);
        var skip = ProductEndpointTests.ChangedByCacheTest(prices);
        var now = DateTimeOffset.UtcNow;
        var promotions = SharedFeeds.Read(SharedFeeds.RamiLevyPromotions001).Records.OfType<Promotion>().ToList();
        var listedOnce = promotions.GroupBy(p => p.PromotionId).Where(g => g.Count() == 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var candidates = promotions
            .Where(p => !p.IsClubOnly && listedOnce.Contains(p.PromotionId) && (p.StartsAt is null || p.StartsAt <= now) && (p.EndsAt is null || p.EndsAt > now.AddHours(1)))
            .SelectMany(p => p.Items.Where(i => !i.IsGift && i.Key.Value != skip && prices.ContainsKey(i.Key.Value)).Select(i => i.Key.Value))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Reverse().Take(50);
        string? url = null;
        JsonElement shown = default;
        foreach (var key in candidates)
        {
            var candidate = $"/api/products/{key}/prices?chain={SharedFeeds.RamiLevy}";
            if (await PromotionAsync(candidate) is { } promotion && listedOnce.Contains(promotion.GetProperty("id").GetString()!))
            {
                (url, shown) = (candidate, promotion);
                break;
            }
        }

        Assert.True(url is not null, "no product of store 006 shows a public promotion of the promotion file");
        var id = shown.GetProperty("id").GetString()!;
        var before = shown.GetProperty("description").GetString();
        Assert.NotEqual(after, before);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(before, (await PromotionAsync(url))?.GetProperty("description").GetString());
        }

        var pattern = new Regex($"(<PromotionId>{Regex.Escape(id)}</PromotionId>\\s*<PromotionDescription>)[^<]*(</PromotionDescription>)");
        var newer = gateway.Rewrite(SharedFeeds.RamiLevyPromotions001, "PromoFull7290058140886-006-202602170020.xml", text =>
        {
            Assert.Single(pattern.Matches(text));
            return pattern.Replace(text.Replace("<StoreId>001</StoreId>", "<StoreId>006</StoreId>", StringComparison.Ordinal), m => m.Groups[1].Value + after + m.Groups[2].Value);
        });
        var import = await gateway.ImportAsync(newer);
        Assert.Equal(1, import.GetProperty("rowsChanged").GetInt32());

        var clock = Stopwatch.StartNew();
        JsonElement? seen;
        while ((seen = await PromotionAsync(url))?.GetProperty("description").GetString() != after && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        output.WriteLine($"changed promotion {id} served {clock.ElapsedMilliseconds} ms after the import completed");
        Assert.Equal(after, seen?.GetProperty("description").GetString());
        Assert.Equal(id, seen?.GetProperty("id").GetString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"the cached answer changed only after {clock.ElapsedMilliseconds} ms");
    }

    /// <summary>The public promotion of the only store in the answer, or null.</summary>
    private async Task<JsonElement?> PromotionAsync(string url)
    {
        var row = Assert.Single((await gateway.Http.GetFromJsonAsync<JsonElement>(url)).GetProperty("prices").EnumerateArray());
        var promotion = row.GetProperty("promotion");
        return promotion.ValueKind == JsonValueKind.Object ? promotion : null;
    }

    private async Task<decimal> PriceAsync(string url) =>
        Assert.Single((await gateway.Http.GetFromJsonAsync<JsonElement>(url)).GetProperty("prices").EnumerateArray()).GetProperty("price").GetDecimal();
}
