using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gogobe.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Gogobe.Gateway.Tests;

/// <summary>Whatever a client sends, the answer is a 4xx problem that names what is wrong, never a server error.</summary>
[Collection(GatewayCollection.Name)]
public sealed class HostileRequestTests(GatewayCluster gateway, ITestOutputHelper output)
{
    [Theory]
    [InlineData("/api/stores?city=%00", "city")]
    [InlineData("/api/stores?city=a%00b", "city")]
    [InlineData("/api/stores?city=%01", "city")]
    [InlineData("/api/stores/7290058140886/%01", "storeId")]
    [InlineData("/api/products/search?q=%00%00", "q")]
    [InlineData("/api/products/search?q=milk%00", "q")]
    [InlineData("/api/products/search?q=a%0Ab", "q")]
    [InlineData("/api/products/7290058140886%3Aa%01/history", "key")]
    [InlineData("/api/products/7290000000001/history?chainId=7290058140886&storeId=%00", "storeId")]
    [InlineData("/api/products/7290000000001/history?chainId=7290058140886&storeId=1%7F", "storeId")]
    [InlineData("/api/imports?limit=abc", "limit")]
    [InlineData("/api/cluster/probe/%20", "key")]
    public async Task Control_characters_and_broken_text_in_parameters_are_400_problems_naming_the_parameter(string url, string parameter)
    {
        using var response = await gateway.Http.SendAsync(Authorized(HttpMethod.Get, url));
        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, parameter);
    }

    [Theory]
    [InlineData("/api/stores/7290058140886/%00")]
    [InlineData("/api/products/7290058140886%3Aa%00/history")]
    public async Task A_nul_in_a_path_is_refused_by_the_server_with_400(string url)
    {
        using var response = await gateway.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_overlong_parameter_is_a_400_problem_naming_it()
    {
        using var response = await gateway.Http.GetAsync($"/api/stores?city={new string('a', 5000)}");
        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "city");
    }

    [Theory]
    [InlineData("/api/baskets/compare", "{\"items\":[{\"key\":\"7290058140886:a\\u0000\"}]}", "items.key")]
    [InlineData("/api/baskets/compare", "{\"items\":[{\"key\":\"7290058140886:\\ud800\"}]}", "items.key")]
    [InlineData("/api/baskets/compare", "{\"items\":[{\"key\":\"7290000000001\",\"quantity\":\"two\"}]}", "items.quantity")]
    [InlineData("/api/baskets/compare", "{\"items\":\"7290000000001\"}", "items")]
    [InlineData("/api/baskets/compare", "{\"items\":[{\"key\":7290000000001}]}", "items.key")]
    [InlineData("/api/baskets/compare", "{\"items\":[{\"key\":\"7290000000001\"}],\"maxStores\":\"three\"}", "maxStores")]
    [InlineData("/api/baskets/compare", "{\"items\":[{\"key\":\"72900", "items.key")]
    [InlineData("/api/imports/status", "{\"ids\":[null]}", "ids")]
    [InlineData("/api/imports/status", "{\"ids\":null}", "ids")]
    [InlineData("/api/imports/status", "{\"ids\":[1]}", "ids")]
    [InlineData("/api/imports/status", "{\"ids\":[\"\\u0000\"]}", "ids")]
    [InlineData("/api/imports/status", "{\"ids\":", "ids")]
    [InlineData("/api/imports/status", "", "body")]
    public async Task Bodies_of_the_wrong_shape_are_400_problems_naming_the_field(string url, string json, string field)
    {
        var request = Authorized(HttpMethod.Post, url);
        request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await gateway.Http.SendAsync(request);
        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("../..")]
    [InlineData("a\u0001.xml")]
    public async Task Uploads_named_as_no_file_can_be_are_400_problems_naming_the_file(string fileName)
    {
        using var response = await UploadAsync($"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{fileName}\"\r\n\r\n<Root/>\r\n--b--\r\n");
        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "file");
    }

    [Fact]
    public async Task A_multipart_body_without_its_closing_boundary_is_a_400_problem()
    {
        using var response = await UploadAsync("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"PriceFull7290058140886-001-202501010000.xml\"\r\n\r\n<Root/>");
        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "file");
    }

    [Theory]
    [InlineData("/api/baskets/compare", 40 * 1024)]
    [InlineData("/api/imports/status", 200 * 1024)]
    public async Task A_body_beyond_what_the_endpoint_needs_is_a_413_problem(string url, int bytes)
    {
        var ids = string.Join(',', Enumerable.Repeat($"\"{new string('a', 64)}\"", bytes / 67 + 1));
        var json = url.Contains("basket", StringComparison.Ordinal)
            ? $"{{\"items\":[{string.Join(',', Enumerable.Repeat("{\"key\":\"7290000000001\",\"quantity\":1}", bytes / 36 + 1))}]}}"
            : $"{{\"ids\":[{ids}]}}";
        Assert.True(json.Length >= bytes);
        var request = Authorized(HttpMethod.Post, url);
        request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await gateway.Http.SendAsync(request);
        await Problems.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, null);
    }

    [Fact]
    public async Task No_endpoint_of_the_openapi_document_answers_a_hostile_request_with_a_server_error()
    {
        var document = await gateway.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var requests = HostileCorpus.Requests(document).ToList();
        var operations = requests.Select(r => r.Operation).Distinct().ToList();
        output.WriteLine($"{requests.Count} hostile requests over {operations.Count} operations: {string.Join(", ", operations)}");
        Assert.Contains("CompareBasket", operations);
        Assert.Contains("UploadFeedFile", operations);
        Assert.Contains("CreateWatch", operations);

        var failures = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (hostile, cancellationToken) =>
        {
            using var request = hostile.Create();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", gateway.OperatorToken);
            using var response = await gateway.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            if ((int)response.StatusCode >= 500)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                failures.Add($"{hostile} -> {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
            }
        });

        output.WriteLine(string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
        Assert.True(failures.IsEmpty, $"{failures.Count} server errors:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(40))}");
    }

    private HttpRequestMessage Authorized(HttpMethod method, string url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", gateway.OperatorToken);
        return request;
    }

    private async Task<HttpResponseMessage> UploadAsync(string body)
    {
        var request = Authorized(HttpMethod.Post, "/api/imports");
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b");
        return await gateway.Http.SendAsync(request);
    }
}
