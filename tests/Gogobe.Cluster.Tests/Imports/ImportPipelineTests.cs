using Gogobe.Synthetic;
using Gogobe.Storage.Prices;
using Gogobe.Testing;

namespace Gogobe.Cluster.Tests.Imports;

/// <summary>Real files through the gateway, NATS, the bridge and the grains into PostgreSQL, on two silos.</summary>
[Collection(ImportCollection.Name)]
public sealed class ImportPipelineTests(ImportClusterFixture fixture)
{
    private static readonly TimeSpan ImportTimeout = TimeSpan.FromMinutes(3);
    private ImportCluster Cluster => fixture.Cluster;

    [Theory]
    [InlineData("ShakedZrihen__data-pipeline-2025/PriceFull7290058140886-006-202508130010.gz")]
    [InlineData("ShakedZrihen__data-pipeline-2025/PriceFull7290058197699-752-202508131024.gz")]
    [InlineData("OpenIsraeliSupermarkets__israeli-supermarket-parsers/PriceFull7290172900007-083-202409270311.xml")]
    [InlineData("OlivierH__israel-prices/PriceFull7290875100001-002-202211020354-001.xml")]
    public async Task A_price_file_becomes_exactly_its_current_prices(string file)
    {
        var path = SharedFeeds.File(file);
        var expected = ExpectedPrices.Read(path);

        var accepted = await Cluster.Client.UploadAsync(path);
        var status = await Cluster.Client.WaitAsync(accepted.Id, ImportTimeout);

        Assert.Equal("Completed", status.Status);
        var stored = await Cluster.PricesAsync(expected.Header.ChainId, expected.Header.StoreId!);
        Assert.Equal(expected.Prices.Count, stored.Count);
        foreach (var (key, price) in expected.Prices)
        {
            Assert.True(stored.TryGetValue(key, out var actual), $"{key} missing");
            Assert.Equal(price, actual);
        }

        // Unit prices keep the four decimals chains publish (0.1995 per gram), rounded beyond that.
        var storedUnits = await Cluster.UnitPricesAsync(expected.Header.ChainId, expected.Header.StoreId!);
        Assert.Equal(
            expected.UnitPrices.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, StoredPrecision.UnitPrice(p.Value))),
            storedUnits.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));

        // First sightings are baselines that name their import, not history rows.
        Assert.Equal(expected.Prices.Count, await BaselinesOfAsync(accepted.Id));
        Assert.Equal(0, await Cluster.CountAsync("SELECT count(*) FROM price_changes WHERE import_id = $1", accepted.Id));
    }

    [Fact]
    public async Task The_same_file_submitted_twice_at_once_is_one_import()
    {
        var path = SharedFeeds.File("OlivierH__israel-prices/PriceFull7290058159628-001-202211021214");
        var uploads = await Task.WhenAll(Cluster.Client.UploadAsync(path), Cluster.Client.UploadAsync(path));

        Assert.Equal(uploads[0].Id, uploads[1].Id);
        Assert.Contains(uploads, u => u.Duplicate);
        var status = await Cluster.Client.WaitAsync(uploads[0].Id, ImportTimeout);
        Assert.Equal("Completed", status.Status);
        Assert.Equal(1, status.Attempts);
        Assert.Equal(1, await Cluster.CountAsync("SELECT count(*) FROM imports WHERE import_id = $1", uploads[0].Id));
        var expected = ExpectedPrices.Read(path);
        Assert.Equal(expected.Prices.Count, await BaselinesOfAsync(uploads[0].Id));
    }

    [Fact]
    public async Task Submitting_a_failed_file_again_runs_it_again_and_a_completed_one_does_not()
    {
        var bad = SharedFeeds.File("ShakedZrihen__data-pipeline-2025/StoresFull7290700100008-000-000-20250821-002217.gz");
        var first = await Cluster.Client.UploadAsync(bad);
        Assert.Equal("Failed", (await Cluster.Client.WaitAsync(first.Id, ImportTimeout)).Status);

        var again = await Cluster.Client.UploadAsync(bad);
        var rerun = await WaitForAttemptsAsync(again.Id, 2);
        Assert.Equal("Failed", rerun.Status);
        Assert.Contains("line 129", rerun.Error, StringComparison.Ordinal);

        var good = SharedFeeds.File("OlivierH__israel-prices/Stores7290058140886-202211012005.xml");
        var done = await Cluster.Client.UploadAsync(good);
        Assert.Equal("Completed", (await Cluster.Client.WaitAsync(done.Id, ImportTimeout)).Status);
        var repeat = await Cluster.Client.UploadAsync(good);
        Assert.True(repeat.Duplicate);
        Assert.Equal("Completed", repeat.Status);
        Assert.Equal(1, (await Cluster.Client.WaitAsync(done.Id, ImportTimeout)).Attempts);
    }

    private async Task<ImportClient.ImportState> WaitForAttemptsAsync(string id, int attempts)
    {
        var deadline = DateTime.UtcNow + ImportTimeout;
        while (true)
        {
            var state = await Cluster.Client.WaitAsync(id, ImportTimeout);
            if (state.Attempts >= attempts || DateTime.UtcNow > deadline)
            {
                Assert.Equal(attempts, state.Attempts);
                return state;
            }

            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task An_older_file_after_a_newer_one_leaves_current_prices_unchanged()
    {
        using var scratch = TemporaryFolder.Create("gogobe-days-");
        var folder = scratch.Path;
        FeedGenerator.Generate(new SyntheticFeedOptions { Chains = 1, Stores = 1, Items = 300, Days = 2, Seed = 7, Layout = 'A', Deltas = false, Promotions = false }, folder);
        var days = Directory.GetFiles(folder, "PriceFull*").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(2, days.Length);
        var (older, newer) = (days[0], days[1]);
        var newerPrices = ExpectedPrices.Read(newer);

        var first = await Cluster.Client.UploadAsync(newer);
        Assert.Equal("Completed", (await Cluster.Client.WaitAsync(first.Id, ImportTimeout)).Status);
        var second = await Cluster.Client.UploadAsync(older);
        var late = await Cluster.Client.WaitAsync(second.Id, ImportTimeout);

        Assert.Equal("Completed", late.Status);
        Assert.Equal(0, late.RowsChanged);
        var stored = await Cluster.PricesAsync(newerPrices.Header.ChainId, newerPrices.Header.StoreId!);
        Assert.Equal(newerPrices.Prices.OrderBy(p => p.Key, StringComparer.Ordinal), stored.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_full_list_republished_unchanged_only_moves_the_watermark_until_a_delta_changes_the_prices()
    {
        using var scratch = TemporaryFolder.Create("gogobe-republish-");
        var folder = scratch.Path;
        FeedGenerator.Generate(new SyntheticFeedOptions { Chains = 1, Stores = 1, Items = 400, Days = 2, Seed = 23, Layout = 'A', Deltas = true, Promotions = false }, folder);
        var full = Directory.GetFiles(folder, "PriceFull*").Order(StringComparer.Ordinal).First();
        var delta = Directory.GetFiles(folder, "Price7*").Order(StringComparer.Ordinal).Last();
        var expected = ExpectedPrices.Read(full);
        var (chain, store) = (expected.Header.ChainId, expected.Header.StoreId!);

        var first = await ImportAsync(full);
        Assert.Equal(expected.Prices.Count, first.RowsChanged);

        // The same list again, recompressed under a later name (before the day's delta).
        var morning = await ImportAsync(Republish(full, folder, "202603010600"));
        Assert.Equal((expected.Prices.Count, 0), (morning.RowsRead, morning.RowsChanged));
        Assert.True(await LoggedUnchangedAsync(morning), "the republished list should be recognised by its content");
        Assert.Equal(morning.ImportId, await WatermarkAsync(chain, store));
        Assert.Equal(0, await Cluster.CountAsync("SELECT count(*) FROM price_changes WHERE chain_id = $1 AND store_id = $2", chain, store));
        Assert.Equal(expected.Prices.Count, await BaselinesOfAsync(first.ImportId));

        Assert.True((await ImportAsync(delta)).RowsChanged > 0);

        // After a delta the stored prices are no longer the list's: the next copy is read and applied in full.
        var nextDay = await ImportAsync(Republish(full, folder, "202603030010"));
        Assert.False(SawUnchanged(nextDay));
        Assert.True(nextDay.RowsChanged > 0);
        var stored = await Cluster.PricesAsync(chain, store);
        Assert.Equal(expected.Prices.OrderBy(p => p.Key, StringComparer.Ordinal), stored.OrderBy(p => p.Key, StringComparer.Ordinal));

        var dayAfter = await ImportAsync(Republish(full, folder, "202603040010"));
        Assert.True(await LoggedUnchangedAsync(dayAfter));
        Assert.Equal(0, dayAfter.RowsChanged);
        Assert.Equal(dayAfter.ImportId, await WatermarkAsync(chain, store));
    }

    private async Task<ImportClient.ImportState> ImportAsync(string path)
    {
        var accepted = await Cluster.Client.UploadAsync(path);
        var state = await Cluster.Client.WaitAsync(accepted.Id, ImportTimeout);
        Assert.Equal("Completed", state.Status);
        return state;
    }

    /// <summary>
    /// Whether a silo logged the file as unchanged. The silos' output reaches the test through a pipe after the import's
    /// state does, so a line that is due is awaited a while.
    /// </summary>
    private async Task<bool> LoggedUnchangedAsync(ImportClient.ImportState state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!SawUnchanged(state) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        return SawUnchanged(state);
    }

    private bool SawUnchanged(ImportClient.ImportState state) =>
        $"{Cluster.Silo1.Output}\n{Cluster.Silo2.Output}".Split('\n')
            .Any(line => line.Contains(state.FileName, StringComparison.Ordinal) && line.Contains("same content as the applied list", StringComparison.Ordinal));

    private async Task<string> WatermarkAsync(string chain, string store)
    {
        var dataSource = Cluster.Cluster.Database.DataSource;
        await using var command = dataSource.CreateCommand("SELECT import_id FROM store_feed_state WHERE chain_id = $1 AND store_id = $2 AND kind = 'PriceFull'");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = chain });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = store });
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// The file's XML gzipped again under a later name, the way a chain's publisher does it: the gzip header names the
    /// file, so the bytes (and the import id) differ while the content is the same.
    /// </summary>
    private static string Republish(string path, string folder, string stamp)
    {
        var name = Path.GetFileName(path);
        var target = Path.Combine(folder, "republished", name[..^"202603010010.gz".Length] + stamp + ".gz");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        byte[] xml;
        using (var source = new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress))
        using (var buffer = new MemoryStream())
        {
            source.CopyTo(buffer);
            xml = buffer.ToArray();
        }

        using var output = File.Create(target);
        output.Write([0x1f, 0x8b, 8, 8, 0, 0, 0, 0, 0, 3]);
        output.Write(System.Text.Encoding.ASCII.GetBytes(Path.GetFileNameWithoutExtension(target) + ".xml\0"));
        using (var deflate = new System.IO.Compression.DeflateStream(output, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(xml);
        }

        output.Write(System.IO.Hashing.Crc32.Hash(xml));
        output.Write(BitConverter.GetBytes((uint)xml.Length));
        return target;
    }

    [Fact]
    public async Task A_bad_file_among_good_ones_is_reported_and_the_others_complete()
    {
        var files = new[]
        {
            "OpenIsraeliSupermarkets__israeli-supermarket-scarpers/PriceFull7290876100000-003-202410070010.gz",
            "ShakedZrihen__data-pipeline-2025/PromoFull7290058197699-970-202508071036.gz",
            "OlivierH__israel-prices/Stores7290055700007-202211020001.xml",
            "OpenIsraeliSupermarkets__israeli-supermarket-scarpers/cpfta_prices_regulations.gov-il-portal-list.html",
            "ShakedZrihen__data-pipeline-2025/Price7290103152017-001-202508071000.gz",
        }.Select(SharedFeeds.File).ToArray();

        var accepted = new List<ImportClient.Accepted>();
        foreach (var file in files)
        {
            accepted.Add(await Cluster.Client.UploadAsync(file));
        }

        var results = await Task.WhenAll(accepted.Select(a => Cluster.Client.WaitAsync(a.Id, ImportTimeout)));

        var truncated = results[0];
        Assert.Equal("Failed", truncated.Status);
        Assert.Contains("truncated", truncated.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("PriceFull7290876100000-003-202410070010.gz", truncated.Error, StringComparison.Ordinal);
        Assert.Equal("Failed", results[3].Status);
        Assert.Contains("HTML", results[3].Error, StringComparison.OrdinalIgnoreCase);
        Assert.All(new[] { results[1], results[2], results[4] }, r => Assert.Equal("Completed", r.Status));
        Assert.Equal(86, await Cluster.CountAsync("SELECT count(*) FROM stores WHERE chain_id = '7290055700007'"));
        Assert.Equal(440, await Cluster.CountAsync("SELECT count(*) FROM promotions WHERE chain_id = '7290058197699' AND store_id = '970'"));
        Assert.Equal(0, await Cluster.CountAsync("SELECT count(*) FROM store_prices WHERE chain_id = '7290876100000' AND store_id = '3'"));

        var together = (await Cluster.Client.GetManyAsync(accepted.Select(a => a.Id))).ToDictionary(s => s.ImportId);
        Assert.Equal(results.Select(r => (r.ImportId, r.Status)), accepted.Select(a => (a.Id, together[a.Id].Status)));
    }

    private Task<long> BaselinesOfAsync(string importId) =>
        Cluster.CountAsync("SELECT count(*) FROM store_prices sp JOIN imports i ON i.seq = sp.first_import WHERE i.import_id = $1", importId);
}

/// <summary>One cluster for the pipeline tests.</summary>
public sealed class ImportClusterFixture : IAsyncLifetime
{
    public ImportCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await ImportCluster.StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ImportCollection : ICollectionFixture<ImportClusterFixture>
{
    public const string Name = "import pipeline";
}
