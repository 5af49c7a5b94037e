using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gogobe.Gateway.Tests.Infrastructure;
using Gogobe.Testing;

namespace Gogobe.Gateway.Tests;

/// <summary>/api/watches: users are the tokens' subjects; each sees and deletes only their own watches.</summary>
[Collection(GatewayCollection.Name)]
public sealed class WatchEndpointTests(GatewayCluster gateway)
{
    [Fact]
    public async Task A_user_creates_lists_and_deletes_their_watch_another_user_is_refused_with_403_and_a_missing_one_is_404()
    {
        var item = SharedFeeds.Prices(SharedFeeds.OsherAdPrices).Values.Where(p => !p.Key.IsInternal).OrderBy(p => p.Key.Value, StringComparer.Ordinal).First();
        var body = $$"""{"productKey":"{{item.Key.Value}}","condition":"below","price":0.5,"stores":["{{SharedFeeds.OsherAd}}:001"],"webhookUrl":"http://127.0.0.1:9/hook"}""";

        using var created = await SendAsync(HttpMethod.Post, "/api/watches", "dana", body);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var answer = await created.Content.ReadFromJsonAsync<JsonElement>();
        var watch = answer.GetProperty("watch");
        var id = watch.GetProperty("id").GetInt64();
        Assert.Equal(64, answer.GetProperty("webhookSecret").GetString()!.Length);
        Assert.Equal([$"{SharedFeeds.OsherAd}:1"], watch.GetProperty("stores").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(item.Price, watch.GetProperty("referencePrice").GetDecimal());
        Assert.Equal(created.Headers.Location?.ToString(), $"/api/watches/{id}");

        Assert.Contains(await ListAsync("dana"), w => w == id);
        Assert.DoesNotContain(await ListAsync("eli"), w => w == id);
        using (var foreign = await SendAsync(HttpMethod.Get, $"/api/watches/{id}", "eli"))
        {
            await Problems.AssertAsync(foreign, HttpStatusCode.Forbidden, null);
        }

        using (var foreignDelete = await SendAsync(HttpMethod.Delete, $"/api/watches/{id}", "eli"))
        {
            await Problems.AssertAsync(foreignDelete, HttpStatusCode.Forbidden, null);
        }

        using (var own = await SendAsync(HttpMethod.Get, $"/api/watches/{id}", "dana"))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        }

        using (var deleted = await SendAsync(HttpMethod.Delete, $"/api/watches/{id}", "dana"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using (var gone = await SendAsync(HttpMethod.Delete, $"/api/watches/{id}", "dana"))
        {
            await Problems.AssertAsync(gone, HttpStatusCode.NotFound, null);
        }

        using var anonymous = await gateway.Http.GetAsync("/api/watches");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var deadLetters = await SendAsync(HttpMethod.Get, "/api/watches/dead-letters", "dana");
        Assert.Equal(HttpStatusCode.OK, deadLetters.StatusCode);
    }

    [Theory]
    [InlineData("""{"productKey":"12ab","condition":"below","price":5,"email":"a@example.com"}""", "productKey")]
    [InlineData("""{"productKey":"7290000000001","condition":"cheaper","price":5,"email":"a@example.com"}""", "condition")]
    [InlineData("""{"productKey":"7290000000001","condition":"below","email":"a@example.com"}""", "price")]
    [InlineData("""{"productKey":"7290000000001","condition":"drop","percent":100,"email":"a@example.com"}""", "percent")]
    [InlineData("""{"productKey":"7290000000001","condition":"promotion","price":3,"email":"a@example.com"}""", "condition")]
    [InlineData("""{"productKey":"7290000000001","condition":"promotion"}""", "webhookUrl")]
    [InlineData("""{"productKey":"7290000000001","condition":"promotion","webhookUrl":"ftp://example.com/x"}""", "webhookUrl")]
    [InlineData("""{"productKey":"7290000000001","condition":"promotion","email":"not an address"}""", "email")]
    [InlineData("""{"productKey":"7290000000001","condition":"promotion","email":"a@example.com","stores":["7290000000001"]}""", "stores")]
    [InlineData("""{"productKey":"7290000000001","condition":"promotion","email":"a@example.com","chains":["abc"]}""", "chains")]
    [InlineData("""{"productKey":"7290000000001","condition":"promotion","email":"a@example.com","near":"32.08,34.78"}""", "radiusKm")]
    [InlineData("""{"productKey":"7290000000001","condition":"promotion","email":"a@example.com","near":"north","radiusKm":3}""", "near")]
    [InlineData("""{"productKey":"7290000000001","condition":"below","price":"cheap","email":"a@example.com"}""", "price")]
    public async Task A_bad_watch_is_a_400_problem_naming_its_field(string body, string field)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/watches", "dana", body);
        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("99999999999999999999")]
    public async Task A_watch_id_that_is_not_a_number_is_a_400_problem(string id)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/watches/{id}", "dana");
        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "id");
    }

    private async Task<List<long>> ListAsync(string user)
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/watches", user);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(w => w.GetProperty("id").GetInt64()).ToList();
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string user, string? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", gateway.UserToken(user));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return gateway.Http.SendAsync(request);
    }
}
