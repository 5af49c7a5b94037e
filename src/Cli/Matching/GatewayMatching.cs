using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Gogobe.Cli.Matching;

/// <summary>The gateway's operator endpoints of master products, as the CLI uses them.</summary>
internal sealed class GatewayMatching(Uri gateway, string token) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient http = new() { BaseAddress = gateway, Timeout = TimeSpan.FromMinutes(5) };

    /// <summary>Uploads a trained matcher; returns the stored model's id.</summary>
    public async Task<long> UploadModelAsync(byte[] model, string description, CancellationToken cancellationToken)
    {
        using var request = Build(HttpMethod.Put, $"/api/matching/model?description={Uri.EscapeDataString(description)}");
        request.Content = new ByteArrayContent(model) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } };
        using var response = await SendAsync(request, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken)).GetProperty("modelId").GetInt64();
    }

    public async Task<JsonElement> RerunAsync(CancellationToken cancellationToken)
    {
        using var request = Build(HttpMethod.Post, "/api/matching/rerun");
        using var response = await SendAsync(request, cancellationToken);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
    }

    public async Task<JsonElement> StatusAsync(CancellationToken cancellationToken)
    {
        using var request = Build(HttpMethod.Get, "/api/matching/status");
        using var response = await SendAsync(request, cancellationToken);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
    }

    private HttpRequestMessage Build(HttpMethod method, string url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw new HttpRequestException($"the gateway answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}", null, response.StatusCode);
            }
        }

        return response;
    }

    public void Dispose() => http.Dispose();
}
