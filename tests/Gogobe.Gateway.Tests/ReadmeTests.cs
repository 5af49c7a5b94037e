using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gogobe.Gateway.Tests.Infrastructure;
using Gogobe.Testing;

namespace Gogobe.Gateway.Tests;

/// <summary>The README's example requests, pasted as a new user would, answer with results from the sample files.</summary>
[Collection(GatewayCollection.Name)]
public sealed partial class ReadmeTests(GatewayCluster gateway)
{
    [Fact]
    public async Task Every_example_request_of_the_readme_answers_with_results()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "README.md"));
        var urls = CurlLine().Matches(readme).Select(m => m.Groups["path"].Value).ToList();
        Assert.True(urls.Count >= 2, "the README has no example requests");
        foreach (var url in urls)
        {
            Assert.True(url.All(char.IsAscii), $"{url}: curl sends it byte for byte, and a request line is ASCII: percent-encode the rest");
            using var response = await gateway.Http.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
            var answer = JsonDocument.Parse(body).RootElement;
            var lists = answer.ValueKind == JsonValueKind.Array ? [answer] : answer.EnumerateObject().Select(p => p.Value).Where(v => v.ValueKind == JsonValueKind.Array).ToList();
            Assert.True(lists.Any(l => l.GetArrayLength() > 0), $"{url} answered no results: {body}");
        }
    }

    [GeneratedRegex(@"^curl\s+'http://127\.0\.0\.1:8080(?<path>/[^']*)'", RegexOptions.Multiline)]
    private static partial Regex CurlLine();
}
