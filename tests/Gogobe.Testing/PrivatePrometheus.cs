using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Gogobe.Testing;

/// <summary>
/// A Prometheus of the test's own (the Debian package's binary, free port, temporary storage) that scrapes the given
/// hosts every second and evaluates <c>deploy/monitoring/alerts.yml</c>.
/// </summary>
public sealed class PrivatePrometheus : IAsyncDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("gogobe-prometheus-").FullName;
    private readonly int port = Servers.FreePort();
    private readonly HttpClient http;
    private Process? process;

    private PrivatePrometheus()
    {
        http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Starts Prometheus scraping each (job, host) pair.</summary>
    public static async Task<PrivatePrometheus> StartAsync(IEnumerable<(string Job, HostProcess Host)> targets)
    {
        var prometheus = new PrivatePrometheus();
        var jobs = string.Join(string.Empty, targets.GroupBy(t => t.Job).Select(g =>
            $"  - job_name: {g.Key}\n    static_configs:\n      - targets: [{string.Join(", ", g.Select(t => $"\"127.0.0.1:{t.Host.HttpPort}\""))}]\n"));
        var config = Path.Combine(prometheus.directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files:
              - {Path.Combine(Repository.Root, "deploy", "monitoring", "alerts.yml")}
            scrape_configs:
            {jobs}
            """);
        var executable = File.Exists("/usr/bin/prometheus") ? "/usr/bin/prometheus" : "prometheus";
        var start = new ProcessStartInfo(executable, [
            $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(prometheus.directory, "data")}",
            $"--web.listen-address=127.0.0.1:{prometheus.port}", "--log.level=warn"])
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        try
        {
            prometheus.process = Process.Start(start);
            prometheus.process!.BeginErrorReadLine();
            prometheus.process.BeginOutputReadLine();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Cannot run {executable}: install the Debian package prometheus (deploy/local/infra.sh up does).", ex);
        }

        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var ready = await prometheus.http.GetAsync("/-/ready");
                if (ready.IsSuccessStatusCode)
                {
                    return prometheus;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"Prometheus did not become ready on port {prometheus.port}");
    }

    /// <summary>Series an instant query returns now (0 for an empty result).</summary>
    public async Task<int> SeriesAsync(string query)
    {
        var body = await http.GetStringAsync($"/api/v1/query?query={Uri.EscapeDataString(query)}&time={DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}");
        using var document = JsonDocument.Parse(body);
        var data = document.RootElement.GetProperty("data");
        return data.GetProperty("resultType").GetString() == "vector" || data.GetProperty("resultType").GetString() == "matrix"
            ? data.GetProperty("result").GetArrayLength()
            : 1;
    }

    /// <summary>Name and health (<c>ok</c>, <c>err</c>, <c>unknown</c>) of every alert rule Prometheus loaded.</summary>
    public async Task<IReadOnlyList<(string Name, string Health)>> RulesAsync()
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync("/api/v1/rules?type=alert"));
        return [.. document.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("rules").EnumerateArray())
            .Select(r => (r.GetProperty("name").GetString()!, r.GetProperty("health").GetString()!))];
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        http.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
