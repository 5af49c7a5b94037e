using Gogobe.Synthetic;
using Gogobe.Testing;
using Xunit.Abstractions;

namespace Gogobe.Cluster.Tests.Imports;

/// <summary>
/// Imports that lose a silo, the broker or the database half-way: every file completes, row counts are exact,
/// nothing is written twice. These restart the shared local servers, so they run alone.
/// </summary>
[Collection(FailureCollection.Name)]
public sealed class ImportFailureTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan ImportTimeout = TimeSpan.FromMinutes(4);
    private readonly string folder = Directory.CreateTempSubdirectory("gogobe-failures-").FullName;

    [Fact]
    public async Task Killing_one_of_two_silos_while_20_files_import_loses_nothing()
    {
        await using var cluster = await ImportCluster.StartAsync();
        var files = Generate(stores: 20, items: 1500, seed: 11);

        var accepted = await UploadAllAsync(cluster, files);
        await WaitForFirstCompletionAsync(cluster, accepted);
        cluster.Silo2.KillHard();
        output.WriteLine("silo2 killed");

        await AssertAllCompleteWithExactRowsAsync(cluster, files, accepted);
    }

    [Fact]
    public async Task Restarting_nats_mid_import_loses_nothing()
    {
        await using var cluster = await ImportCluster.StartAsync();
        var files = Generate(stores: 12, items: 1500, seed: 12);

        var firstHalf = await UploadAllAsync(cluster, files[..6]);
        await Infrastructure("restart", "nats");
        var secondHalf = await UploadAllAsync(cluster, files[6..]);

        await AssertAllCompleteWithExactRowsAsync(cluster, files, [.. firstHalf, .. secondHalf]);
    }

    [Fact]
    public async Task Restarting_postgres_mid_import_retries_and_completes()
    {
        await using var cluster = await ImportCluster.StartAsync();
        var files = Generate(stores: 12, items: 1500, seed: 13);

        var accepted = await UploadAllAsync(cluster, files);
        await WaitForFirstCompletionAsync(cluster, accepted);
        await Infrastructure("restart", "postgres");

        await AssertAllCompleteWithExactRowsAsync(cluster, files, accepted);
    }

    [Fact]
    public async Task A_price_list_restored_after_both_silos_stop_finds_only_the_real_change_of_the_next_day()
    {
        await using var cluster = await ImportCluster.StartAsync();
        // Rami Levy publishes unit prices with four decimals (0.1995 per gram) in 6,423 of this file's 9,988 rows.
        var day1 = SharedFeeds.File("ShakedZrihen__data-pipeline-2025/PriceFull7290058140886-006-202508130010.gz");
        var first = await cluster.Client.WaitAsync((await cluster.Client.UploadAsync(day1)).Id, ImportTimeout);
        Assert.Equal("Completed", first.Status);

        // With both silos gone, the store's price list comes back from PostgreSQL for the next file.
        await cluster.Silo1.DisposeAsync();
        await cluster.Silo2.DisposeAsync();
        var silo3 = cluster.Cluster.StartSilo("silo3", Servers.FreePort(), Servers.FreePort(), ImportCluster.FastRecovery);
        await silo3.WaitReadyAsync(TimeSpan.FromSeconds(90));

        var day2 = NextDayWithOnePriceRaised(day1, "202508140010");
        var second = await cluster.Client.WaitAsync((await cluster.Client.UploadAsync(day2)).Id, ImportTimeout);

        Assert.Equal("Completed", second.Status);
        Assert.Equal(1, second.RowsChanged);
        Assert.Equal(1, await cluster.CountAsync("SELECT count(*) FROM price_changes WHERE import_id = $1", second.ImportId));
    }

    /// <summary>The file as the chain would publish it the next day with its first item one shekel dearer.</summary>
    private string NextDayWithOnePriceRaised(string path, string stamp)
    {
        string xml;
        using (var gzip = new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress))
        using (var reader = new StreamReader(gzip))
        {
            xml = reader.ReadToEnd();
        }

        var price = System.Text.RegularExpressions.Regex.Match(xml, "<ItemPrice>([0-9.]+)</ItemPrice>").Groups[1];
        var raised = (decimal.Parse(price.Value, System.Globalization.CultureInfo.InvariantCulture) + 1m).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var name = Path.GetFileName(path);
        var target = Path.Combine(folder, name[..^"202508130010.gz".Length] + stamp + ".gz");
        using var output = new System.IO.Compression.GZipStream(File.Create(target), System.IO.Compression.CompressionLevel.Fastest);
        using var writer = new StreamWriter(output);
        writer.Write(xml[..price.Index] + raised + xml[(price.Index + price.Length)..]);
        return target;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string[] Generate(int stores, int items, int seed)
    {
        FeedGenerator.Generate(new SyntheticFeedOptions { Chains = 1, Stores = stores, Items = items, Seed = seed, Layout = 'A', Deltas = false, Promotions = false }, folder);
        var files = Directory.GetFiles(folder, "PriceFull*").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(stores, files.Length);
        return files;
    }

    private static async Task<ImportClient.Accepted[]> UploadAllAsync(ImportCluster cluster, IEnumerable<string> files)
    {
        var accepted = new List<ImportClient.Accepted>();
        foreach (var file in files)
        {
            accepted.Add(await cluster.Client.UploadAsync(file));
        }

        return [.. accepted];
    }

    private static async Task WaitForFirstCompletionAsync(ImportCluster cluster, IReadOnlyList<ImportClient.Accepted> accepted)
    {
        var deadline = DateTime.UtcNow + ImportTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await cluster.CountAsync("SELECT count(*) FROM imports WHERE status = 'Completed'") > 0)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("no import completed");
    }

    private async Task AssertAllCompleteWithExactRowsAsync(ImportCluster cluster, string[] files, IReadOnlyList<ImportClient.Accepted> accepted)
    {
        var results = await Task.WhenAll(accepted.Select(a => cluster.Client.WaitAsync(a.Id, ImportTimeout)));
        output.WriteLine($"attempts: {string.Join(",", results.Select(r => r.Attempts))}");
        Assert.All(results, r => Assert.Equal("Completed", r.Status));

        var expectedRows = 0;
        foreach (var file in files)
        {
            var expected = ExpectedPrices.Read(file);
            var stored = await cluster.PricesAsync(expected.Header.ChainId, expected.Header.StoreId!);
            Assert.Equal(expected.Prices.OrderBy(p => p.Key, StringComparer.Ordinal), stored.OrderBy(p => p.Key, StringComparer.Ordinal));
            expectedRows += expected.Prices.Count;
        }

        // A first import writes one row per price with its baseline, and no history: a retried file must not add either.
        Assert.Equal(0, await cluster.CountAsync("SELECT count(*) FROM price_changes"));
        Assert.Equal(expectedRows, await cluster.CountAsync("SELECT count(*) FROM store_prices"));
        Assert.Equal(expectedRows, await cluster.CountAsync("SELECT count(*) FROM store_prices sp JOIN imports i ON i.seq = sp.first_import"));
        Assert.Equal(files.Length, await cluster.CountAsync("SELECT count(*) FROM imports"));
    }

    private static async Task Infrastructure(string verb, string server)
    {
        var script = Path.Combine(Repository.Root, "deploy", "local", "infra.sh");
        using var process = System.Diagnostics.Process.Start("bash", [script, verb, server])!;
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FailureCollection
{
    public const string Name = "import failures";
}
