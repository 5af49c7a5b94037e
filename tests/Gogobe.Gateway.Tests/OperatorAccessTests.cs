using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Gogobe.Gateway.Tests.Infrastructure;

namespace Gogobe.Gateway.Tests;

/// <summary>
/// Metrics, cluster views, probes, health details and dashboards answer local clients and operator tokens only. The
/// processes take this machine for their proxy, so a request that carries <c>X-Forwarded-For</c> comes from afar.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class OperatorAccessTests(GatewayCluster gateway)
{
    private const string Remote = "198.51.100.7";

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/api/cluster")]
    [InlineData("/api/cluster/grains")]
    [InlineData("/api/cluster/probe/from-afar")]
    public async Task Gateway_operator_endpoints_refuse_remote_clients_without_an_operator_token(string url)
    {
        await AssertOperatorOnlyAsync(gateway.Http, url);
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/dashboard")]
    public async Task Silo_operator_endpoints_refuse_remote_clients_without_an_operator_token(string url)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = gateway.Silos[0].BaseAddress };
        await AssertOperatorOnlyAsync(http, url);
    }

    [Fact]
    public async Task Health_details_are_for_operators_and_the_status_for_everyone()
    {
        using var remote = await SendAsync(gateway.Http, "/health/ready", Remote, null);
        Assert.Equal(HttpStatusCode.OK, remote.StatusCode);
        var anonymous = JsonDocument.Parse(await remote.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Healthy", anonymous.GetProperty("status").GetString());
        Assert.False(anonymous.TryGetProperty("checks", out _), anonymous.ToString());

        foreach (var (address, token) in new[] { (Remote, gateway.OperatorToken), ((string?)null, null) })
        {
            using var response = await SendAsync(gateway.Http, "/health/ready", address, token);
            var detailed = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.True(detailed.GetProperty("checks").TryGetProperty("postgres", out _), detailed.ToString());
        }
    }

    private async Task AssertOperatorOnlyAsync(HttpClient http, string url)
    {
        using var anonymous = await SendAsync(http, url, Remote, null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var reader = await SendAsync(http, url, Remote, gateway.Token(["reader", "importer"]));
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
        using var operatorToken = await SendAsync(http, url, Remote, gateway.OperatorToken);
        Assert.True((int)operatorToken.StatusCode is >= 200 and < 400, $"operator token: {operatorToken.StatusCode}");
        using var local = await SendAsync(http, url, null, null);
        Assert.True((int)local.StatusCode is >= 200 and < 400, $"local: {local.StatusCode}");
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string url, string? forwardedFor, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await http.SendAsync(request);
    }
}
