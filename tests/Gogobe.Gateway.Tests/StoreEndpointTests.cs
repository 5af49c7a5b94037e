using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gogobe.Gateway.Tests.Infrastructure;
using Gogobe.Testing;

namespace Gogobe.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class StoreEndpointTests(GatewayCluster gateway)
{
    [Fact]
    public async Task Chains_list_the_imported_chains_with_their_stores()
    {
        var chains = await gateway.Http.GetFromJsonAsync<JsonElement>("/api/chains");
        var byId = chains.EnumerateArray().ToDictionary(c => c.GetProperty("chainId").GetString()!);
        Assert.Equal(SharedFeeds.Read(SharedFeeds.RamiLevyStores).Records.Count, byId[SharedFeeds.RamiLevy].GetProperty("stores").GetInt32());
        Assert.Equal(SharedFeeds.Read(SharedFeeds.OsherAdStores).Records.Count, byId[SharedFeeds.OsherAd].GetProperty("stores").GetInt32());
        Assert.Equal("אושר עד", byId[SharedFeeds.OsherAd].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Stores_are_placed_at_their_city_by_locality_code_or_name()
    {
        var store = await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/stores/{SharedFeeds.RamiLevy}/006");
        Assert.Equal("6", store.GetProperty("storeId").GetString());
        Assert.Equal("3616", store.GetProperty("cityAsPublished").GetString());
        Assert.Equal("מעלה אדומים", store.GetProperty("city").GetString());
        AssertLocation(store, 31.78017, 35.30653);
        Assert.Equal(SharedFeeds.Prices(SharedFeeds.RamiLevyPrices).Count, store.GetProperty("prices").GetInt32());

        await Eventually.TrueAsync(async () =>
        {
            var stores = await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/stores?chain={SharedFeeds.OsherAd}&city=מגדל-העמק");
            return stores.GetArrayLength() > 0 && stores.EnumerateArray().All(s => s.GetProperty("location").ValueKind == JsonValueKind.Object);
        }, TimeSpan.FromSeconds(20), () => "Osher Ad's Migdal HaEmek stores were not located");
        var osher = await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/stores/{SharedFeeds.OsherAd}/1");
        Assert.Equal(874, osher.GetProperty("localityCode").GetInt32());
        AssertLocation(osher, 32.6, 35.2, tolerance: 0.2);
    }

    [Fact]
    public async Task Stores_near_a_point_come_nearest_first_within_the_radius()
    {
        var stores = await gateway.Http.GetFromJsonAsync<JsonElement>("/api/stores?near=31.7683,35.2137&radiusKm=15");
        var distances = stores.EnumerateArray().Select(s => s.GetProperty("distanceKm").GetDouble()).ToList();
        Assert.NotEmpty(distances);
        Assert.All(distances, d => Assert.InRange(d, 0, 15));
        Assert.Equal(distances.Order(), distances);
        Assert.All(stores.EnumerateArray(), s => Assert.True(s.GetProperty("distanceApproximate").GetBoolean(), "a locality's centre gives an approximate distance"));
        Assert.Contains(stores.EnumerateArray(), s => s.GetProperty("chainId").GetString() == SharedFeeds.RamiLevy && s.GetProperty("storeId").GetString() == "6");

        var byCity = await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/stores?chain={SharedFeeds.RamiLevy}&city=ירושלים");
        Assert.True(byCity.GetArrayLength() >= 5);
        Assert.All(byCity.EnumerateArray(), s => Assert.Equal(3000, s.GetProperty("localityCode").GetInt32()));
    }

    [Fact]
    public async Task An_unknown_store_is_404()
    {
        using var response = await gateway.Http.GetAsync($"/api/stores/{SharedFeeds.RamiLevy}/9999");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Operators_on_loopback_see_unplaced_stores_with_the_reason()
    {
        var unplaced = await gateway.Http.GetFromJsonAsync<JsonElement>("/api/stores/unplaced");

        Assert.Equal(JsonValueKind.Array, unplaced.ValueKind);
        Assert.All(unplaced.EnumerateArray(), s => Assert.False(string.IsNullOrEmpty(s.GetProperty("reason").GetString())));
    }

    private static void AssertLocation(JsonElement store, double lat, double lon, double tolerance = 0.001)
    {
        var location = store.GetProperty("location");
        Assert.Equal("locality", location.GetProperty("precision").GetString());
        Assert.Equal("localities", location.GetProperty("source").GetString());
        Assert.InRange(location.GetProperty("lat").GetDouble(), lat - tolerance, lat + tolerance);
        Assert.InRange(location.GetProperty("lon").GetDouble(), lon - tolerance, lon + tolerance);
    }
}
