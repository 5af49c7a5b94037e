using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Gogobe.Synthetic;
using Gogobe.Testing;

namespace Gogobe.Cluster.Tests.Imports;

/// <summary><c>gogobe import</c> run as a user runs it, against the two-silo cluster.</summary>
[Collection(ImportCollection.Name)]
public sealed partial class ImportCommandTests(ImportClusterFixture fixture)
{
    private ImportCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task A_folder_is_imported_with_a_summary_and_a_second_run_sends_only_what_did_not_complete()
    {
        using var scratch = TemporaryFolder.Create("gogobe-cli-");
        var folder = scratch.Path;
        string[] files =
        [
            "OlivierH__israel-prices/PriceFull7290058134977-001-202211021055",
            "OlivierH__israel-prices/PriceFull7290058198450-003-202211021000",
            "OpenIsraeliSupermarkets__israeli-supermarket-scarpers/cpfta_prices_regulations.gov-il-portal-list.html",
        ];
        foreach (var file in files)
        {
            File.Copy(SharedFeeds.File(file), Path.Combine(folder, Path.GetFileName(file)));
        }

        var expectedRows = files.Take(2).Sum(f => ExpectedPrices.Read(SharedFeeds.File(f)).Prices.Count);

        var first = await RunAsync(folder);
        Assert.Equal(1, first.ExitCode);
        var summary = SummaryLine().Match(first.Output);
        Assert.True(summary.Success, first.Output);
        Assert.Equal(("3", "1"), (summary.Groups["files"].Value, summary.Groups["failed"].Value));
        Assert.Equal(expectedRows, int.Parse(summary.Groups["rows"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
        var firstRows = SummaryRows(first.Output);
        Assert.Equal(["Completed", "Completed"], files.Take(2).Select(f => firstRows[Path.GetFileName(f)][1]));

        // Another test of the collection may have imported the HTML page first: then it is a duplicate that runs again.
        Assert.StartsWith("Failed", firstRows[Path.GetFileName(files[2])][1], StringComparison.Ordinal);
        Assert.Contains("HTML", firstRows[Path.GetFileName(files[2])][8], StringComparison.Ordinal);

        var uploadsBefore = await UploadRequestsAsync();
        var second = await RunAsync(folder);
        await Task.Delay(TimeSpan.FromSeconds(1)); // past the metrics endpoint's response cache
        var uploadsAfter = await UploadRequestsAsync();

        Assert.Equal(1, second.ExitCode);
        var again = SummaryLine().Match(second.Output);
        Assert.True(again.Success, second.Output);
        Assert.Equal(("3", "1", summary.Groups["rows"].Value), (again.Groups["files"].Value, again.Groups["failed"].Value, again.Groups["rows"].Value));

        // Only the failed file is sent again: the completed ones are known by their SHA-256.
        Assert.Equal(1, uploadsAfter - uploadsBefore);
        var secondRows = SummaryRows(second.Output);
        Assert.Equal(["Completed (duplicate)", "Completed (duplicate)"], files.Take(2).Select(f => secondRows[Path.GetFileName(f)][1]));
        Assert.StartsWith("Failed", secondRows[Path.GetFileName(files[2])][1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_reported_by_name_and_reason_and_the_others_are_imported()
    {
        using var scratch = TemporaryFolder.Create("gogobe-cli-missing-");
        var folder = scratch.Path;
        FeedGenerator.Generate(new SyntheticFeedOptions { Chains = 1, Stores = 1, Items = 50, Seed = 31, Layout = 'A', Deltas = false, Promotions = false }, folder);
        var good = Directory.GetFiles(folder, "PriceFull*").Single();
        var missing = Path.Combine(folder, "gone", "PriceFull7290000000000-001-202601010000.gz");

        var run = await RunAsync(good, missing);

        Assert.Equal(1, run.ExitCode);
        var rows = SummaryRows(run.Output);
        Assert.Equal("Completed", rows[Path.GetFileName(good)][1]);
        Assert.Equal("upload failed", rows[Path.GetFileName(missing)][1]);
        Assert.Contains("cannot read the file", rows[Path.GetFileName(missing)][8], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gateway_that_asks_to_slow_down_gets_every_file_in_the_end()
    {
        using var scratch = TemporaryFolder.Create("gogobe-cli-throttled-");
        var folder = scratch.Path;
        await using var strict = Cluster.Cluster.StartGateway(new Dictionary<string, string>
        {
            ["RateLimit__Burst"] = "2", ["RateLimit__PerSecond"] = "1", ["RateLimit__Importer__Burst"] = "2", ["RateLimit__Importer__PerSecond"] = "1",
        });
        FeedGenerator.Generate(new SyntheticFeedOptions { Chains = 1, Stores = 5, Items = 40, Seed = 37, Layout = 'A', Deltas = false, Promotions = false }, folder);
        var files = Directory.GetFiles(folder, "PriceFull*");
        await strict.WaitReadyAsync(TimeSpan.FromSeconds(90));

        // Five uploads and the status requests against a budget of two requests and one more per second: 429s on the way.
        var run = await RunOnAsync(strict.BaseAddress, ["--parallel", "4", folder]);

        Assert.True(run.ExitCode == 0, run.Output);
        var rows = SummaryRows(run.Output);
        Assert.All(files, f => Assert.Equal("Completed", rows[Path.GetFileName(f)][1]));
    }

    [Fact]
    public async Task An_import_that_never_moves_is_reported_as_stalled_and_the_run_ends()
    {
        using var scratch = TemporaryFolder.Create("gogobe-cli-stalled-");
        FeedGenerator.Generate(new SyntheticFeedOptions { Chains = 1, Stores = 1, Items = 20, Seed = 43, Layout = 'A', Deltas = false, Promotions = false }, scratch.Path);
        var file = Directory.GetFiles(scratch.Path, "PriceFull*").Single();

        // A gateway that queues uploads on streams no silo reads: its imports stay Queued.
        var streams = Guid.NewGuid().ToString("N")[..8];
        await using var unread = Cluster.Cluster.StartGateway(new Dictionary<string, string>
        {
            ["Ingest__Streams__SubjectPrefix"] = $"unread{streams}", ["Ingest__Streams__StreamPrefix"] = $"UNREAD{streams}_",
        });
        await unread.WaitReadyAsync(TimeSpan.FromSeconds(90));

        var run = await RunOnAsync(unread.BaseAddress, ["--stall-timeout", "3", file]);

        Assert.Equal(1, run.ExitCode);
        var row = SummaryRows(run.Output)[Path.GetFileName(file)];
        Assert.Equal("Stalled", row[1]);
        Assert.Contains("no progress for 3 s while Queued", row[8], StringComparison.Ordinal);
    }

    private Task<(int ExitCode, string Output)> RunAsync(params string[] paths) => RunOnAsync(Cluster.Gateway.BaseAddress, ["--parallel", "2", .. paths]);

    private async Task<(int ExitCode, string Output)> RunOnAsync(Uri gateway, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [Repository.HostAssembly("Cli", "gogobe.dll"), "import", "--gateway", gateway.ToString(), "--token", Cluster.Token, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>The summary's tab-separated rows (output not on a terminal) by file name.</summary>
    private static Dictionary<string, string[]> SummaryRows(string output)
    {
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var header = lines.FindIndex(l => l.StartsWith("file\tstatus\t", StringComparison.Ordinal));
        Assert.True(header >= 0, output);
        return lines.Skip(header + 1).TakeWhile(l => l.Contains('\t', StringComparison.Ordinal))
            .Select(l => l.Split('\t')).ToDictionary(c => c[0], StringComparer.Ordinal);
    }

    /// <summary>POST /api/imports requests the gateway has served, from its Prometheus metrics.</summary>
    private async Task<long> UploadRequestsAsync()
    {
        var metrics = await Cluster.Client.Http.GetStringAsync("/metrics");
        return metrics.Split('\n')
            .Where(l => l.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal)
                && l.Contains("http_request_method=\"POST\"", StringComparison.Ordinal)
                && (l.Contains("http_route=\"/api/imports\"", StringComparison.Ordinal) || l.Contains("http_route=\"/api/imports/\"", StringComparison.Ordinal)))
            .Sum(l => (long)double.Parse(l[(l.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"(?<files>\d+) files, (?<failed>\d+) failed; (?<rows>[\d,]+) rows in")]
    private static partial Regex SummaryLine();
}
