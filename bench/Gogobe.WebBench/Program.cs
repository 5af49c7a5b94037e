using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

// dotnet Gogobe.WebBench.dll [gateway] [queries] [load connections]
// Types queries made of real product names into the search page of a running system, a key every 120 ms, in Debian's
// chromium at a phone's viewport, and reports the time from each key press to its results painted (the page's
// performance measure "search"): alone, then beside that many connections asking the search API as fast as they can.
var gateway = new Uri(args.ElementAtOrDefault(0) ?? "http://127.0.0.1:8080");
var count = int.Parse(args.ElementAtOrDefault(1) ?? "40", CultureInfo.InvariantCulture);
var connections = int.Parse(args.ElementAtOrDefault(2) ?? "32", CultureInfo.InvariantCulture);
const int KeyDelayMs = 120;

using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
var names = await NamesAsync(http, count);
if (names.Count == 0)
{
    Console.Error.WriteLine($"no products found at {gateway}: import some files first");
    return 1;
}

var queries = names.Select(QueryOf).ToList();
var words = names.SelectMany(n => n.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(w => w.Count(char.IsLetter) >= 3).Distinct(StringComparer.Ordinal).ToArray();
Console.WriteLine($"{queries.Count} queries from product names, a key every {KeyDelayMs} ms");

var chromium = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
    .Select(dir => Path.Combine(dir, "chromium")).FirstOrDefault(File.Exists)
    ?? throw new InvalidOperationException("chromium is not installed (apt-get install -y chromium)");
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox"] });

Report("alone", await TypeAsync(browser, gateway, queries), null);
using (var load = new SearchLoad(gateway, words, connections))
{
    var timings = await TypeAsync(browser, gateway, queries);
    Report($"beside {connections} connections of search", timings, load.Stop());
}

return 0;

static string QueryOf(string name) =>
    string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !char.IsAsciiDigit(w[0])).Take(2));

static async Task<List<string>> NamesAsync(HttpClient http, int count)
{
    var names = new SortedSet<string>(StringComparer.Ordinal);
    foreach (var prefix in new[] { "7290", "7291", "7292", "7293", "7294", "7295", "7296", "7297", "7298", "7299" })
    {
        var page = await http.GetFromJsonAsync<JsonElement>($"/api/products/search?q={prefix}&limit=50");
        foreach (var hit in page.GetProperty("results").EnumerateArray())
        {
            if (hit.GetProperty("name").GetString() is { Length: > 0 } name && QueryOf(name).Length >= 4)
            {
                names.Add(name);
            }
        }
    }

    var all = names.ToList();
    var step = Math.Max(1, all.Count / Math.Max(1, count));
    return all.Where((_, i) => i % step == 0).Take(count).ToList();
}

static async Task<double[]> TypeAsync(IBrowser browser, Uri gateway, List<string> queries)
{
    await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = gateway.ToString(),
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        IsMobile = true,
        HasTouch = true,
        Locale = "he-IL",
    });
    var page = await context.NewPageAsync();
    await page.GotoAsync("/");
    var input = page.Locator("#q");
    foreach (var query in queries)
    {
        await input.FillAsync("");
        await input.PressSequentiallyAsync(query, new LocatorPressSequentiallyOptions { Delay = KeyDelayMs });
        await page.WaitForFunctionAsync("q => document.querySelector('#search-status').textContent.length > 0 && new URLSearchParams(location.search).get('q') === q", query);
        await page.WaitForTimeoutAsync(300);
    }

    return await page.EvaluateAsync<double[]>("() => performance.getEntriesByName('search').map(e => e.duration)");
}

static void Report(string phase, double[] timings, string? load)
{
    Array.Sort(timings);
    double At(double p) => timings.Length == 0 ? double.NaN : timings[Math.Min(timings.Length - 1, (int)Math.Ceiling(p / 100 * timings.Length) - 1)];
    Console.WriteLine($"{phase}: {timings.Length} key presses to painted results: p50 {At(50):0} ms, p95 {At(95):0} ms, p99 {At(99):0} ms, max {At(100):0} ms{(load is null ? "" : $"; {load}")}");
}

/// <summary>Connections asking the search API one word or two at a time, as fast as answers come back.</summary>
internal sealed class SearchLoad : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly HttpClient http;
    private readonly Task[] loops;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> failures = new(StringComparer.Ordinal);
    private long answered;

    public SearchLoad(Uri gateway, string[] words, int connections)
    {
        http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        loops = Enumerable.Range(0, connections).Select(i => Task.Run(() => LoopAsync(words, new Random(i)))).ToArray();
    }

    public string Stop()
    {
        stop.Cancel();
        try
        {
            Task.WaitAll(loops);
        }
        catch (AggregateException)
        {
        }

        var failed = failures.IsEmpty ? "none failed" : "failed: " + string.Join(", ", failures.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Value} {f.Key}"));
        return string.Create(CultureInfo.InvariantCulture, $"the load had {answered / clock.Elapsed.TotalSeconds:0} answers/s, {failed}");
    }

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
        http.Dispose();
    }

    private async Task LoopAsync(string[] words, Random random)
    {
        while (!stop.IsCancellationRequested)
        {
            var q = words[random.Next(words.Length)];
            if (random.Next(2) == 0)
            {
                q += " " + words[random.Next(words.Length)];
            }

            try
            {
                using var response = await http.GetAsync($"/api/products/search?limit=20&q={Uri.EscapeDataString(q)}", stop.Token);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref answered);
                }
                else
                {
                    failures.AddOrUpdate($"HTTP {(int)response.StatusCode}", 1, (_, n) => n + 1);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                if (!stop.IsCancellationRequested)
                {
                    failures.AddOrUpdate(ex.GetType().Name, 1, (_, n) => n + 1);
                }
            }
        }
    }
}
