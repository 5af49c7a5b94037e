using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gogobe.Gateway.Tests.Infrastructure;
using Gogobe.Testing;

namespace Gogobe.Gateway.Tests;

/// <summary>Prices say which file last confirmed them, old ones are not answered as current, and nothing is made up.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ConfirmationTests(GatewayCluster gateway)
{
    [Fact]
    public async Task Each_offer_carries_its_confirmation_and_offers_older_than_the_window_are_left_out_and_counted()
    {
        var rami = SharedFeeds.Prices(SharedFeeds.RamiLevyPrices);
        var osher = SharedFeeds.Prices(SharedFeeds.OsherAdPrices);
        var delta = SharedFeeds.Prices(SharedFeeds.OsherAdDelta);
        var skip = ProductEndpointTests.ChangedByCacheTest(rami);
        var key = rami.Keys.Where(k => osher.ContainsKey(k) && !delta.ContainsKey(k) && k != skip).Order(StringComparer.Ordinal).First();
        var ramiFile = (await gateway.ImportAsync(SharedFeeds.RamiLevyPrices)).GetProperty("fileAt").GetDateTimeOffset();
        var osherFile = (await gateway.ImportAsync(SharedFeeds.OsherAdPrices)).GetProperty("fileAt").GetDateTimeOffset();
        Assert.True(osherFile < ramiFile);

        var all = await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/products/{key}/prices?confirmedWithinDays=36500");
        var product = await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/products/{key}");
        Assert.Equal(product.GetProperty("name").GetString(), all.GetProperty("name").GetString());
        Assert.Equal(0, all.GetProperty("unconfirmed").GetInt32());
        var byChain = all.GetProperty("prices").EnumerateArray().ToDictionary(p => p.GetProperty("chainId").GetString()!, p => p.GetProperty("confirmedAt").GetDateTimeOffset());
        Assert.Equal(osherFile, byChain[SharedFeeds.OsherAd]);
        Assert.True(byChain[SharedFeeds.RamiLevy] >= ramiFile, $"{byChain[SharedFeeds.RamiLevy]} is older than the list {ramiFile}");

        var days = (int)Math.Ceiling((DateTimeOffset.UtcNow - ramiFile).TotalDays) + 1;
        var recent = await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/products/{key}/prices?confirmedWithinDays={days}");
        Assert.Equal(days, recent.GetProperty("confirmedWithinDays").GetInt32());
        Assert.Equal(1, recent.GetProperty("unconfirmed").GetInt32());
        Assert.Equal(SharedFeeds.RamiLevy, Assert.Single(recent.GetProperty("prices").EnumerateArray()).GetProperty("chainId").GetString());
        var summary = await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/products/{key}?confirmedWithinDays={days}");
        Assert.Equal(1, summary.GetProperty("prices").GetProperty("stores").GetInt32());
        Assert.Equal(1, summary.GetProperty("unconfirmed").GetInt32());
        var basket = await gateway.Http.PostAsJsonAsync("/api/baskets/compare", new { items = new[] { new { key } }, confirmedWithinDays = days });
        Assert.Equal(1, (await basket.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("storesConsidered").GetInt32());
    }

    [Fact]
    public async Task A_unit_price_the_file_does_not_state_is_null_not_zero()
    {
        var delta = SharedFeeds.Prices(SharedFeeds.OsherAdDelta);
        var item = SharedFeeds.Prices(SharedFeeds.OsherAdPrices).Values
            .Where(p => p.UnitPrice == 0 && !p.Key.IsInternal && !delta.ContainsKey(p.Key.Value)).OrderBy(p => p.Key.Value, StringComparer.Ordinal).First();
        var answer = await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/products/{item.Key.Value}/prices?chain={SharedFeeds.OsherAd}");
        var row = Assert.Single(answer.GetProperty("prices").EnumerateArray());
        Assert.Equal(item.Price, row.GetProperty("price").GetDecimal());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("unitPrice").ValueKind);
    }

    [Fact]
    public async Task By_default_only_offers_confirmed_within_thirty_days_are_current()
    {
        var gatewayWithDefaults = gateway.Cluster.StartGateway();
        await gatewayWithDefaults.WaitReadyAsync(TimeSpan.FromSeconds(90));
        using var http = new HttpClient { BaseAddress = gatewayWithDefaults.BaseAddress };
        var key = SharedFeeds.Prices(SharedFeeds.OsherAdPrices).Keys.Where(k => !k.Contains(':', StringComparison.Ordinal)).Order(StringComparer.Ordinal).Skip(3).First();
        var answer = await http.GetFromJsonAsync<JsonElement>($"/api/products/{key}/prices");
        Assert.Equal(30, answer.GetProperty("confirmedWithinDays").GetInt32());
        var confirmedAt = (await http.GetFromJsonAsync<JsonElement>($"/api/products/{key}/prices?confirmedWithinDays=36500")).GetProperty("prices")
            .EnumerateArray().Select(p => p.GetProperty("confirmedAt").GetDateTimeOffset()).ToList();
        Assert.NotEmpty(confirmedAt);
        Assert.Equal(confirmedAt.Count(c => c >= DateTimeOffset.UtcNow.AddDays(-30)), answer.GetProperty("total").GetInt32());
        Assert.Equal(confirmedAt.Count(c => c < DateTimeOffset.UtcNow.AddDays(-30)), answer.GetProperty("unconfirmed").GetInt32());
    }
}
