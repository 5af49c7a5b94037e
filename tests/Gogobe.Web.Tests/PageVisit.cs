using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace Gogobe.Web.Tests;

/// <summary>
/// One page of the web app followed by a test: the console errors it logs, the bytes it transfers (map tiles excluded),
/// an axe-core check, a screenshot.
/// </summary>
public sealed class PageVisit
{
    private readonly ConcurrentBag<string> errors = [];
    private readonly ConcurrentBag<Task<long>> transfers = [];

    public PageVisit(IPage page)
    {
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => errors.Add($"{page.Url}: {error}");
        page.RequestFinished += (_, request) =>
        {
            if (!request.Url.StartsWith(BrowserFixture.TileHost, StringComparison.Ordinal))
            {
                transfers.Add(Size(request));
            }
        };
    }

    public IPage Page { get; }

    public IReadOnlyCollection<string> ConsoleErrors => errors;

    /// <summary>Bytes transferred since the visit began (headers and bodies as sent, compressed), tiles excluded.</summary>
    public async Task<long> TransferredAsync() => (await Task.WhenAll(transfers)).Sum();

    /// <summary>Serious and critical accessibility violations that axe-core finds on the page as it is now.</summary>
    public async Task<IReadOnlyList<string>> AxeViolationsAsync(string axeScript)
    {
        await Page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = axeScript });
        var found = await Page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
              return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
            }
            """);
        return [.. found.EnumerateArray().Select(v => v.GetString()!)];
    }

    public Task ScreenshotAsync(string folder, string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });

    /// <summary>True when nothing on the page is wider than the viewport (no sideways scrolling on a phone).</summary>
    public Task<bool> FitsWidthAsync() => Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1");

    private static async Task<long> Size(Microsoft.Playwright.IRequest request)
    {
        var sizes = await request.SizesAsync();
        return Math.Max(0, sizes.ResponseBodySize) + Math.Max(0, sizes.ResponseHeadersSize);
    }
}
