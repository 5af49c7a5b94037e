using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gogobe.Cli.Importing;

/// <summary>The gateway's import endpoints, as the CLI uses them.</summary>
internal sealed class GatewayImports(Uri gateway, string token) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly HttpClient http = new() { BaseAddress = gateway, Timeout = TimeSpan.FromMinutes(5) };

    public async Task<UploadReceipt> UploadAsync(string path, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent();
        await using var stream = File.OpenRead(path);
        using var content = new StreamContent(stream);
        form.Add(content, "file", Path.GetFileName(path));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/imports") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var problem = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"the gateway answered {(int)response.StatusCode}: {problem}");
        }

        return (await response.Content.ReadFromJsonAsync<UploadReceipt>(Json, cancellationToken))!;
    }

    /// <summary>The state of many imports in one request.</summary>
    public async Task<IReadOnlyList<ImportProgress>> GetManyAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/imports/status", new { ids }, Json, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<List<ImportProgress>>(Json, cancellationToken))!;
    }

    public void Dispose() => http.Dispose();
}

internal sealed record UploadReceipt(string Id, string FileName, long Size, bool Duplicate, string Status);

internal sealed record ImportProgress(
    string ImportId, string FileName, string Status, string? Kind, int RowsRead, int RowsChanged, int RowsRejected,
    string? Error, int Attempts, DateTimeOffset SubmittedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    int? ParseMilliseconds, int? ApplyMilliseconds)
{
    public bool IsFinished => Status is "Completed" or "Failed";
}
