using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gogobe.Gateway.Tests.Infrastructure;
using Gogobe.Testing;

namespace Gogobe.Gateway.Tests;

/// <summary>What a client gets wrong is answered with a problem that names it; nothing internal leaks.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ErrorTests(GatewayCluster gateway)
{
    [Theory]
    [InlineData("/api/products/search", "q")]
    [InlineData("/api/products/search?q=%20-%20", "q")]
    [InlineData("/api/products/search?q=milk&limit=0", "limit")]
    [InlineData("/api/products/search?q=milk&limit=many", "limit")]
    [InlineData("/api/products/abc", "key")]
    [InlineData("/api/products/7290000000001%3A", "key")]
    [InlineData("/api/products/7290000000001/prices?near=abc", "near")]
    [InlineData("/api/products/7290000000001/prices?near=32.1", "near")]
    [InlineData("/api/products/7290000000001/prices?near=32.1,34.8&radiusKm=0", "radiusKm")]
    [InlineData("/api/products/7290000000001/prices?near=32.1,34.8&radiusKm=201", "radiusKm")]
    [InlineData("/api/products/7290000000001/prices?radiusKm=5", "radiusKm")]
    [InlineData("/api/products/7290000000001/prices?sort=cheapest", "sort")]
    [InlineData("/api/products/7290000000001/prices?sort=distance", "sort")]
    [InlineData("/api/products/7290000000001/history?from=yesterday", "from")]
    [InlineData("/api/products/7290000000001/history?storeId=1", "storeId")]
    [InlineData("/api/stores?near=91,200", "near")]
    [InlineData("/api/stores?chain=abc", "chain")]
    [InlineData("/api/stores/abc/1", "chainId")]
    public async Task Bad_parameters_are_400_problems_naming_the_parameter(string url, string parameter)
    {
        using var response = await gateway.Http.GetAsync(url);
        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, parameter);
    }

    [Theory]
    [InlineData("{}", "items")]
    [InlineData("{\"items\":[]}", "items")]
    [InlineData("{\"items\":[{\"key\":\"milk\"}]}", "items.key")]
    [InlineData("{\"items\":[{\"key\":\"7290000000001\",\"quantity\":0}]}", "items.quantity")]
    [InlineData("{\"items\":[{\"key\":\"7290000000001\"}],\"maxStores\":9}", "maxStores")]
    [InlineData("{\"items\":[{\"key\":\"7290000000001\"}],\"maxStores\":0}", "maxStores")]
    [InlineData("{\"items\":[{\"key\":\"7290000000001\"}],\"near\":\"x\"}", "near")]
    [InlineData("{\"items\":[{\"key\":\"7290000000001\"}],\"near\":\"32,35\",\"radiusKm\":-1}", "radiusKm")]
    public async Task Bad_baskets_are_400_problems_naming_the_field(string json, string parameter)
    {
        using var response = await gateway.Http.PostAsync("/api/baskets/compare", new StringContent(json, Encoding.UTF8, "application/json"));
        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, parameter);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_without_internals()
    {
        using var response = await gateway.Http.PostAsync("/api/baskets/compare", new StringContent("{\"items\": [", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Problems.AssertNoInternals(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/products/1234567890123")]
    [InlineData("/api/products/1234567890123/prices")]
    [InlineData("/api/products/1234567890123/history")]
    [InlineData("/api/products/7290058140886%3A99999999")]
    public async Task Unknown_products_are_404_problems(string url)
    {
        using var response = await gateway.Http.GetAsync(url);
        await Problems.AssertAsync(response, HttpStatusCode.NotFound, null);
    }

    [Fact]
    public async Task Imports_need_a_token_with_the_importer_role()
    {
        using var anonymous = await gateway.Http.PostAsync("/api/imports", new MultipartFormDataContent());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/imports") { Content = new MultipartFormDataContent() };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", gateway.Token(["reader"]));
        using var reader = await gateway.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
    }

    [Fact]
    public async Task Uploads_without_a_file_part_are_refused()
    {
        async Task<HttpResponseMessage> PostAsync(HttpContent content)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/imports") { Content = content };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", gateway.ImporterToken);
            return await gateway.Http.SendAsync(request);
        }

        using var json = await PostAsync(JsonContent.Create(new { file = "PriceFull.gz" }));
        await Problems.AssertAsync(json, HttpStatusCode.UnsupportedMediaType, null);

        using var urlEncoded = await PostAsync(new FormUrlEncodedContent([new("file", "PriceFull.gz")]));
        await Problems.AssertAsync(urlEncoded, HttpStatusCode.UnsupportedMediaType, null);

        using var otherField = await PostAsync(new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "upload", "PriceFull.gz" } });
        await AssertMissingFileAsync(otherField);

        using var notAFile = await PostAsync(new MultipartFormDataContent { { new StringContent("PriceFull.gz"), "file" } });
        await AssertMissingFileAsync(notAFile);

        using var empty = await PostAsync(new MultipartFormDataContent { { new ByteArrayContent([]), "file", "PriceFull.gz" } });
        await AssertMissingFileAsync(empty);

        static async Task AssertMissingFileAsync(HttpResponseMessage response)
        {
            await Problems.AssertAsync(response, HttpStatusCode.BadRequest, null);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("Missing parameter: file", problem.GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task A_client_over_its_budget_gets_429_with_retry_after_whatever_address_it_claims()
    {
        // This machine is not the configured proxy: the X-Forwarded-For it sends is not believed.
        var limited = gateway.Cluster.StartGateway(new Dictionary<string, string>
        {
            ["RateLimit__Burst"] = "3", ["RateLimit__PerSecond"] = "1", ["ForwardedHeaders__KnownProxies__0"] = "10.255.255.1",
        });
        await limited.WaitReadyAsync(TimeSpan.FromSeconds(90));
        using var http = new HttpClient { BaseAddress = limited.BaseAddress };
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/chains");
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            responses.Add(await http.SendAsync(request));
        }

        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        var rejected = responses.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.NotNull(rejected);
        Assert.True(rejected.Headers.RetryAfter is not null, "no Retry-After header");
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        responses.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task Behind_the_configured_proxy_each_forwarded_client_has_a_budget_of_its_own()
    {
        var limited = gateway.Cluster.StartGateway(new Dictionary<string, string>(GatewayCluster.BehindProxy) { ["RateLimit__Burst"] = "3", ["RateLimit__PerSecond"] = "1" });
        await limited.WaitReadyAsync(TimeSpan.FromSeconds(90));
        using var http = new HttpClient { BaseAddress = limited.BaseAddress };
        async Task<HttpStatusCode> GetAsync(string client)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/chains");
            request.Headers.Add("X-Forwarded-For", client);
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            first.Add(await GetAsync("203.0.113.1"));
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, first);
        Assert.Equal(HttpStatusCode.OK, await GetAsync("203.0.113.2"));
    }

    [Fact]
    public async Task An_importer_spends_its_own_larger_budget()
    {
        var limited = gateway.Cluster.StartGateway(new Dictionary<string, string>
        {
            ["RateLimit__Burst"] = "3", ["RateLimit__PerSecond"] = "1", ["RateLimit__Importer__Burst"] = "40", ["RateLimit__Importer__PerSecond"] = "1",
        });
        await limited.WaitReadyAsync(TimeSpan.FromSeconds(90));
        using var http = new HttpClient { BaseAddress = limited.BaseAddress };

        // The same subject twice: once as an importer, once as a reader. Only the reader runs out.
        var asImporter = await SendManyAsync(http, gateway.ImporterToken, 12);
        var asReader = await SendManyAsync(http, gateway.Token(["reader"]), 12);

        Assert.All(asImporter, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Contains(HttpStatusCode.TooManyRequests, asReader);

        static async Task<List<HttpStatusCode>> SendManyAsync(HttpClient http, string token, int count)
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < count; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/chains");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await http.SendAsync(request);
                statuses.Add(response.StatusCode);
            }

            return statuses;
        }
    }

    [Fact]
    public async Task The_openapi_document_describes_every_query_endpoint()
    {
        var document = await gateway.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject()).Select(o => o.Value.TryGetProperty("operationId", out var id) ? id.GetString() : null).ToHashSet();
        foreach (var name in new[] { "ListChains", "ListStores", "GetStore", "SearchProducts", "GetProduct", "GetProductPrices", "GetProductPriceHistory", "CompareBasket" })
        {
            Assert.Contains(name, operations);
        }
    }

    [Fact]
    public async Task Product_lookups_spread_over_both_silos()
    {
        var keys = SharedFeeds.Prices(SharedFeeds.OsherAdPrices).Keys.Where(k => !k.Contains(':', StringComparison.Ordinal)).Take(60).ToList();
        foreach (var key in keys)
        {
            using var _ = await gateway.Http.GetAsync($"/api/products/{key}/prices");
        }

        var silos = await gateway.Http.GetFromJsonAsync<JsonElement>("/api/cluster");
        Assert.Equal(2, silos.GetArrayLength());
        Assert.All(silos.EnumerateArray(), s => Assert.True(s.GetProperty("activations").GetInt32() > 20, s.ToString()));
    }
}
