using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Gogobe.Gateway.Tests.Infrastructure;
using Gogobe.Ingest.Bridge;
using Gogobe.Ingest.JetStream;
using Gogobe.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NATS.Client.Core;

namespace Gogobe.Gateway.Tests;

/// <summary>
/// A server behind the gateway that is down makes a request a 503 problem with <c>Retry-After</c>, never a 500; sent
/// again once the server is back, the same request goes through. A gateway of its own, on a broker of the test's own.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class UnavailableServerTests(GatewayCluster gateway)
{
    [Fact]
    public async Task An_upload_while_the_broker_is_down_is_a_503_to_send_again_and_goes_through_once_it_is_back()
    {
        await using var nats = await PrivateNatsServer.StartAsync();
        await CreateStreamsAsync(nats.Url);
        await using var host = gateway.Cluster.StartGateway(new Dictionary<string, string> { ["Nats__Url"] = nats.Url });
        await host.WaitReadyAsync(TimeSpan.FromSeconds(90));
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
        var path = gateway.Rewrite(SharedFeeds.OsherAdStores, "Stores7290103152017-202211020900.xml", text => text.Replace("</Root>", "<!-- unavailable --></Root>", StringComparison.Ordinal));

        await nats.StopAsync();
        using var down = await UploadAsync(http, path);

        Assert.True(down.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)down.StatusCode}: {await down.Content.ReadAsStringAsync()}");
        Assert.NotNull(down.Headers.RetryAfter?.Delta);
        var problem = await down.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Service unavailable", problem.GetProperty("title").GetString());

        // Its record does not wait for a message the broker never got: it is failed, to be sent again.
        var id = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path)));
        var failed = await StatusAsync(http, id);
        Assert.Equal("Failed", failed.GetProperty("status").GetString());
        Assert.Contains("send the file again", failed.GetProperty("error").GetString());

        await nats.StartAgainAsync();
        await Eventually.TrueAsync(async () =>
        {
            using var again = await UploadAsync(http, path);
            Assert.True(again.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.ServiceUnavailable, $"{(int)again.StatusCode}: {await again.Content.ReadAsStringAsync()}");
            return again.StatusCode == HttpStatusCode.Accepted;
        }, TimeSpan.FromSeconds(60), () => "the upload was not accepted after the broker came back", TimeSpan.FromSeconds(2));
        Assert.Equal("Queued", (await StatusAsync(http, id)).GetProperty("status").GetString());
    }

    private async Task<JsonElement> StatusAsync(HttpClient http, string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/imports/{id}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", gateway.ImporterToken);
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The streams and consumers the silos create at start, on the test's broker, under the cluster's prefixes.</summary>
    private async Task CreateStreamsAsync(string url)
    {
        await using var connection = new NatsConnection(new NatsOpts { Url = url, Name = "unavailable-tests", ConnectTimeout = TimeSpan.FromSeconds(30) });
        var streams = Options.Create(new IngestStreamOptions { SubjectPrefix = gateway.Cluster.SubjectPrefix, StreamPrefix = gateway.Cluster.StreamPrefix });
        await new JetStreamTopology(connection, streams, Options.Create(new BridgeOptions()), NullLogger<JetStreamTopology>.Instance).EnsureAsync(CancellationToken.None);
    }

    private async Task<HttpResponseMessage> UploadAsync(HttpClient http, string path)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(await File.ReadAllBytesAsync(path)), "file", Path.GetFileName(path));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/imports") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", gateway.ImporterToken);
        return await http.SendAsync(request);
    }
}
