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

    /// <summary>How many times a request the gateway asks to slow down (429) or cannot take yet (503) is sent.</summary>
    private const int MaxAttempts = 10;

    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    public async Task<UploadReceipt> UploadAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() =>
        {
            var file = new StreamContent(File.OpenRead(path));
            var form = new MultipartFormDataContent { { file, "file", Path.GetFileName(path) } };

            // A file that carries no time of its own (a renamed copy) is dated by when it was last written.
            file.Headers.ContentDisposition!.ModificationDate = new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero);
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/imports") { Content = form };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return request;
        }, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<UploadReceipt>(Json, cancellationToken))!;
    }

    /// <summary>The state of many imports in one request.</summary>
    public async Task<IReadOnlyList<ImportProgress>> GetManyAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, "/api/imports/status") { Content = JsonContent.Create(new { ids }, options: Json) },
            cancellationToken);
        return (await response.Content.ReadFromJsonAsync<List<ImportProgress>>(Json, cancellationToken))!;
    }

    /// <summary>
    /// Sends a fresh request until the gateway takes it: a 429 or 503 is retried after the Retry-After it gives (1 s when
    /// it gives none, 30 s at most), up to <see cref="MaxAttempts"/> times. Any other failure throws with the gateway's answer.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = build();
            var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if (status is 429 or 503 && attempt < MaxAttempts)
                {
                    await Task.Delay(RetryAfter(response), cancellationToken);
                    continue;
                }

                var problem = await response.Content.ReadAsStringAsync(cancellationToken);
                throw new HttpRequestException($"the gateway answered {status}: {problem}", null, response.StatusCode);
            }
        }
    }

    private static TimeSpan RetryAfter(HttpResponseMessage response)
    {
        var wait = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => TimeSpan.FromSeconds(1),
        };
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxWait ? MaxWait : wait;
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

    /// <summary>True when the import moved since <paramref name="before"/>: another state, attempt, or start.</summary>
    public bool Moved(ImportProgress before) => Status != before.Status || Attempts != before.Attempts || StartedAt != before.StartedAt || Error != before.Error;
}
