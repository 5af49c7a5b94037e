using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gogobe.Gateway.Tests.Infrastructure;
using Gogobe.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Gogobe.Web.Tests;

/// <summary>The shoppers' pages at a phone's viewport, checked against the API they show.</summary>
public sealed class WebAppTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const string StoreSix = SharedFeeds.RamiLevy + ":6";
    private HttpClient Api => browser.Gateway.Http;

    [Fact]
    public async Task Search_then_product_then_basket_compares_as_the_api_does()
    {
        var (first, second) = TwoProductsOfStoreSix();
        var city = (await Api.GetFromJsonAsync<JsonElement>($"/api/stores/{SharedFeeds.RamiLevy}/006")).GetProperty("city").GetString()!;
        await using var context = await browser.PhoneAsync();
        var visit = new PageVisit(await context.NewPageAsync());
        var page = visit.Page;

        await page.GotoAsync("/");
        var name = await NameAsync(first);
        var query = string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3));
        await page.Locator("#q").PressSequentiallyAsync(query, new LocatorPressSequentiallyOptions { Delay = 250 });
        var result = page.Locator($"#results a[href=\"/product.html?key={first}\"]");
        await result.WaitForAsync();
        await Assertions.Expect(page.Locator($"#results [data-key=\"{first}\"]")).ToContainTextAsync("₪");
        await CheckAsync(visit, "search");
        var timings = await page.EvaluateAsync<double[]>("() => performance.getEntriesByName('search').map(e => e.duration)");
        Assert.NotEmpty(timings);
        Report($"search: {timings.Length} key presses to painted results, p50 {Percentile(timings, 50):0} ms, p95 {Percentile(timings, 95):0} ms, max {timings.Max():0} ms");

        await result.ClickAsync();
        await page.WaitForURLAsync(new Regex("/product.html"));
        await page.Locator("#place-input").FillAsync(city);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "בחירה" }).ClickAsync();
        await Assertions.Expect(page.Locator("#place-status")).ToContainTextAsync(city);
        var place = await page.EvaluateAsync<JsonElement>("() => JSON.parse(localStorage.getItem('gogobe.place'))");
        var near = string.Create(CultureInfo.InvariantCulture, $"{place.GetProperty("lat").GetDouble():0.00000},{place.GetProperty("lon").GetDouble():0.00000}");
        var prices = await Api.GetFromJsonAsync<JsonElement>($"/api/products/{first}/prices?near={near}&radiusKm=10&sort=price&limit=200");
        var located = prices.GetProperty("prices").EnumerateArray().Count(p => Placed(p));
        Assert.True(located > 0, $"no store near {city} sells {first}");
        await Assertions.Expect(page.Locator($"#map[data-markers=\"{located}\"]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#map .leaflet-interactive")).ToHaveCountAsync(located + 1);
        var storeSix = prices.GetProperty("prices").EnumerateArray().First(p => $"{p.GetProperty("chainId").GetString()}:{p.GetProperty("storeId").GetString()}" == StoreSix);
        await Assertions.Expect(page.Locator($"#prices tr[data-store=\"{StoreSix}\"]")).ToContainTextAsync(Shekels(storeSix.GetProperty("price").GetDecimal()));
        await page.Locator("#add").ClickAsync();
        await Assertions.Expect(page.Locator("#add-status")).ToContainTextAsync("1");
        await CheckAsync(visit, "product");

        await page.GotoAsync($"/product.html?key={second}");
        await page.Locator("#quantity").FillAsync("2");
        await page.Locator("#add").ClickAsync();
        await Assertions.Expect(page.Locator("#add-status")).ToContainTextAsync("2");

        await page.GotoAsync("/basket.html");
        await Assertions.Expect(page.Locator("#items tbody tr")).ToHaveCountAsync(2);
        await page.Locator("#compare").ClickAsync();
        var shown = decimal.Parse(await page.Locator("#cheapest-store .total").GetAttributeAsync("data-total") ?? "", CultureInfo.InvariantCulture);
        using var response = await Api.PostAsJsonAsync("/api/baskets/compare", new
        {
            items = new object[] { new { key = first, quantity = 1 }, new { key = second, quantity = 2 } },
            near, radiusKm = 10, maxStores = 3,
        });
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(answer.GetProperty("cheapestStore").GetProperty("total").GetDecimal(), shown);
        if (answer.GetProperty("split").ValueKind == JsonValueKind.Object && answer.GetProperty("split").GetProperty("stores").GetArrayLength() > 1)
        {
            Assert.Equal(answer.GetProperty("split").GetProperty("total").GetDecimal(),
                decimal.Parse(await page.Locator("#split .total").GetAttributeAsync("data-total") ?? "", CultureInfo.InvariantCulture));
        }

        await page.Locator("#share").ClickAsync();
        var link = await page.Locator("#share-link").InputValueAsync();
        await CheckAsync(visit, "basket");
        Assert.Empty(visit.ConsoleErrors);

        await using var friend = await browser.PhoneAsync();
        var shared = await friend.NewPageAsync();
        await shared.GotoAsync(link);
        await Assertions.Expect(shared.Locator("#items tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(shared.Locator("#items tbody")).ToContainTextAsync(name);
    }

    [Fact]
    public async Task Stores_page_maps_and_lists_the_stores_near_the_shopper()
    {
        var store = await Api.GetFromJsonAsync<JsonElement>($"/api/stores/{SharedFeeds.RamiLevy}/006");
        var location = store.GetProperty("location");
        var (lat, lon) = (location.GetProperty("lat").GetDouble(), location.GetProperty("lon").GetDouble());
        await using var context = await browser.PhoneAsync(lat, lon);
        var visit = new PageVisit(await context.NewPageAsync());
        var page = visit.Page;
        await page.GotoAsync("/stores.html");
        await page.Locator("#locate").ClickAsync();
        await Assertions.Expect(page.Locator("#map[data-markers]")).ToBeVisibleAsync();

        var near = string.Create(CultureInfo.InvariantCulture, $"{lat:0.00000},{lon:0.00000}");
        var stores = (await Api.GetFromJsonAsync<JsonElement>($"/api/stores?near={near}&radiusKm=5")).EnumerateArray().ToList();
        Assert.Contains(stores, s => s.GetProperty("storeId").GetString() == "6" && s.GetProperty("pricesUpdatedAt").ValueKind == JsonValueKind.String);
        var located = stores.Count(s => Placed(s));
        await Assertions.Expect(page.Locator($"#map[data-markers=\"{located}\"]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#stores tbody tr")).ToHaveCountAsync(stores.Count);
        var row = page.Locator("#stores tbody tr", new PageLocatorOptions { HasText = store.GetProperty("name").GetString() });
        await Assertions.Expect(row.First).ToContainTextAsync(store.GetProperty("chainName").GetString()!);
        await Assertions.Expect(row.First.Locator("td").Nth(3)).Not.ToHaveTextAsync("—");
        await CheckAsync(visit, "stores");
        Assert.Empty(visit.ConsoleErrors);
    }

    [Fact]
    public async Task An_open_product_page_shows_a_new_price_within_three_seconds_of_its_import()
    {
        var prices = SharedFeeds.Prices(SharedFeeds.RamiLevyPrices);
        var key = prices.Keys.Where(k => !k.Contains(':', StringComparison.Ordinal)).Order(StringComparer.Ordinal).Skip(7).First();
        var after = prices[key].Price + 2.22m;
        await using var context = await browser.PhoneAsync();
        var visit = new PageVisit(await context.NewPageAsync());
        var page = visit.Page;
        await page.GotoAsync($"/product.html?key={key}");
        var row = page.Locator($"#prices tr[data-store=\"{StoreSix}\"]");
        await Assertions.Expect(row).ToContainTextAsync(Shekels(prices[key].Price));
        await Assertions.Expect(page.Locator("body[data-live=\"ready\"]")).ToBeAttachedAsync();

        var pattern = new Regex($"(<ItemCode>{key}</ItemCode>.*?<ItemPrice>)([^<]+)(</ItemPrice>)", RegexOptions.Singleline);
        var newer = browser.Gateway.Rewrite(SharedFeeds.RamiLevyPrices, "PriceFull7290058140886-006-202609130010.xml",
            text => pattern.Replace(text, m => m.Groups[1].Value + after.ToString("0.00", CultureInfo.InvariantCulture) + m.Groups[3].Value, 1));
        await browser.Gateway.ImportAsync(newer);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Assertions.Expect(row).ToContainTextAsync(Shekels(after), new LocatorAssertionsToContainTextOptions { Timeout = 3000 });
        Report($"live: the open product page showed the new price {clock.ElapsedMilliseconds} ms after the import completed");
        await CheckAsync(visit, "product-live");
        Assert.Empty(visit.ConsoleErrors);
    }

    [Fact]
    public async Task Each_page_transfers_less_than_300_KB_on_a_first_visit()
    {
        var key = SharedFeeds.Prices(SharedFeeds.RamiLevyPrices).Keys.Where(k => !k.Contains(':', StringComparison.Ordinal)).Order(StringComparer.Ordinal).Skip(3).First();
        var basket = $"{key}*2";
        var pages = new[] { ("search", "/?q=" + Uri.EscapeDataString((await NameAsync(key)).Split(' ')[0])), ("product", $"/product.html?key={key}"), ("basket", $"/basket.html#b={basket}"), ("stores", "/stores.html") };
        var store = await Api.GetFromJsonAsync<JsonElement>($"/api/stores/{SharedFeeds.RamiLevy}/006");
        var place = JsonSerializer.Serialize(new { name = "test", lat = store.GetProperty("location").GetProperty("lat").GetDouble(), lon = store.GetProperty("location").GetProperty("lon").GetDouble() });
        foreach (var (name, url) in pages)
        {
            await using var context = await browser.PhoneAsync();
            await context.AddInitScriptAsync($"localStorage.setItem('gogobe.place', {JsonSerializer.Serialize(place)});");
            var visit = new PageVisit(await context.NewPageAsync());
            await visit.Page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            var bytes = await visit.TransferredAsync();
            Report($"weight: {name} page {bytes / 1024.0:0.0} KB transferred on a first visit (map tiles excluded)");
            Assert.True(bytes < 300 * 1024, $"the {name} page transferred {bytes} bytes");
            Assert.Empty(visit.ConsoleErrors);
        }
    }

    private async Task CheckAsync(PageVisit visit, string name)
    {
        await visit.ScreenshotAsync(browser.Screenshots, name);
        Assert.True(await visit.FitsWidthAsync(), $"the {name} page is wider than a phone's screen");
        Assert.Empty(await visit.AxeViolationsAsync(browser.AxeScript));
    }

    /// <summary>Two barcoded products that store 6 of Rami Levy sells, with names of a few words.</summary>
    private static (string First, string Second) TwoProductsOfStoreSix()
    {
        var keys = new List<string>();
        foreach (var (key, item) in SharedFeeds.Prices(SharedFeeds.RamiLevyPrices).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!key.Contains(':', StringComparison.Ordinal) && key.Length == 13 && item.Name is { } n && n.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3 && n.Any(c => c is >= 'א' and <= 'ת'))
            {
                keys.Add(key);
            }

            if (keys.Count == 2)
            {
                break;
            }
        }

        return (keys[0], keys[1]);
    }

    private static bool Placed(JsonElement answer) =>
        answer.GetProperty("location") is { ValueKind: JsonValueKind.Object } location && location.GetProperty("lat").ValueKind == JsonValueKind.Number;

    private async Task<string> NameAsync(string key) => (await Api.GetFromJsonAsync<JsonElement>($"/api/products/{key}")).GetProperty("name").GetString()!;

    private static string Shekels(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static double Percentile(double[] values, int percentile)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private void Report(string line)
    {
        output.WriteLine(line);
        File.AppendAllText(Path.Combine(browser.Screenshots, "figures.txt"), $"{DateTimeOffset.UtcNow:u} {line}{Environment.NewLine}");
    }
}
