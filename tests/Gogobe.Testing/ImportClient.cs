using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Gogobe.Testing;

/// <summary>Uploads files to a gateway and waits for their imports, as an importer would.</summary>
public sealed class ImportClient(Uri gateway, string token) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(120) };

    public HttpClient Http => http;

    public async Task<Accepted> UploadAsync(string path)
    {
        using var form = new MultipartFormDataContent();
        await using var stream = System.IO.File.OpenRead(path);
        using var content = new StreamContent(stream);
        form.Add(content, "file", Path.GetFileName(path));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/imports") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Upload of {path} answered {(int)response.StatusCode}: {body}");
        }

        return JsonSerializer.Deserialize<Accepted>(body, JsonSerializerOptions.Web)!;
    }

    /// <summary>Polls until the import is Completed or Failed.</summary>
    public async Task<ImportState> WaitAsync(string id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        ImportState? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await http.GetFromJsonAsync<ImportState>($"/api/imports/{id}", JsonSerializerOptions.Web);
                if (last is { Status: "Completed" or "Failed" })
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Import {id} did not finish within {timeout}; last seen {last}.");
    }

    /// <summary>Many imports in one request (<c>POST /api/imports/status</c>).</summary>
    public async Task<ImportState[]> GetManyAsync(IEnumerable<string> ids)
    {
        using var response = await http.PostAsJsonAsync("/api/imports/status", new { ids = ids.ToArray() }, JsonSerializerOptions.Web);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ImportState[]>(JsonSerializerOptions.Web))!;
    }

    public void Dispose() => http.Dispose();

    public sealed record Accepted(string Id, string FileName, long Size, bool Duplicate, string Status);

    public sealed record ImportState(
        string ImportId, string FileName, string Status, string? Kind, string? ChainId, string? StoreId, int RowsRead,
        int RowsChanged, int RowsRejected, string? Error, int Attempts, IReadOnlyDictionary<string, int>? Rejections = null,
        DateTimeOffset? FileAt = null, string? FileAtSource = null);
}
