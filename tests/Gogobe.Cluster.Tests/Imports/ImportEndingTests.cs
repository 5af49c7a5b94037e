using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Gogobe.Synthetic;
using Gogobe.Ingest.Messages;
using Gogobe.Testing;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Gogobe.Cluster.Tests.Imports;

/// <summary>
/// Imports that fail end, with their cause and attempt count in the record: permanent failures at once, passing ones
/// after the deliveries are spent, also on the silo that did not run the failing step. Uploads can also arrive straight
/// on the broker, as any client allowed to publish could send them.
/// </summary>
public sealed partial class ImportEndingTests(ImportEndingTests.Fixture fixture) : IClassFixture<ImportEndingTests.Fixture>
{
    private const int MaxDeliveries = 3;
    private static readonly TimeSpan ImportTimeout = TimeSpan.FromMinutes(2);
    private ImportCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task A_file_that_cannot_be_opened_is_retried_then_failed_with_its_cause_and_runs_again_when_resubmitted()
    {
        var path = SharedFeeds.File("OlivierH__israel-prices/Stores7290058140886-202211012005.xml");
        var id = Sha256(path);

        // The message names a folder where the file should be: opening it fails with an I/O error, which may pass.
        var blocked = $"blocked/{id}";
        Directory.CreateDirectory(Path.Combine(Cluster.Cluster.FileRoot, blocked, Path.GetFileName(path)));
        await PublishAsync(new FileUploaded(id, Path.GetFileName(path), $"{blocked}/{Path.GetFileName(path)}", new FileInfo(path).Length, DateTimeOffset.UtcNow));

        var failed = await Cluster.Client.WaitAsync(id, ImportTimeout);
        Assert.Equal(("Failed", MaxDeliveries), (failed.Status, failed.Attempts));
        Assert.Contains($"failed {MaxDeliveries} times", failed.Error, StringComparison.Ordinal);
        Assert.Contains(nameof(UnauthorizedAccessException), failed.Error, StringComparison.Ordinal);

        // The same bytes through the gateway: the broker still remembers the id, yet the failed import runs again.
        var again = await Cluster.Client.UploadAsync(path);
        Assert.Equal(id, again.Id);
        var done = await WaitForAsync(id, s => s.Attempts > MaxDeliveries && s.Status is "Completed" or "Failed");
        Assert.Equal(("Completed", MaxDeliveries + 1, (string?)null), (done.Status, done.Attempts, done.Error));
    }

    [Fact]
    public async Task A_message_naming_a_missing_file_fails_at_once()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await PublishAsync(new FileUploaded(id, "PriceFull7290027600007-001-202601010600.gz", $"{id[..2]}/{id}/gone.gz", 100, DateTimeOffset.UtcNow));

        var failed = await Cluster.Client.WaitAsync(id, ImportTimeout);

        Assert.Equal(("Failed", 1), (failed.Status, failed.Attempts));
        Assert.Contains("the stored file is missing", failed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_naming_another_files_bytes_fails_that_import_alone_and_the_file_it_named_still_imports()
    {
        var named = SharedFeeds.File("OlivierH__israel-prices/Stores7290526500006-202211020900.xml");
        var carried = SharedFeeds.File("OlivierH__israel-prices/Stores7290876100000-202211020900.xml");
        var id = Sha256(named);

        // The message claims the first file's id for the second file's bytes.
        var storagePath = $"forged/{id}/{Path.GetFileName(named)}";
        Directory.CreateDirectory(Path.Combine(Cluster.Cluster.FileRoot, "forged", id));
        File.Copy(carried, Path.Combine(Cluster.Cluster.FileRoot, storagePath));
        await PublishAsync(new FileUploaded(id, Path.GetFileName(named), storagePath, new FileInfo(carried).Length, DateTimeOffset.UtcNow));

        var failed = await Cluster.Client.WaitAsync(id, ImportTimeout);
        Assert.Equal(("Failed", 1, (string?)null), (failed.Status, failed.Attempts, failed.ChainId));
        Assert.Contains($"does not match import id {id}: its SHA-256 is {Sha256(carried)}", failed.Error, StringComparison.Ordinal);

        // The real file with that id, uploaded afterwards, imports.
        await Cluster.Client.UploadAsync(named);
        var done = await WaitForAsync(id, s => s.Attempts > 1 && s.Status is "Completed" or "Failed");
        Assert.Equal(("Completed", (string?)null, "7290526500006"), (done.Status, done.Error, done.ChainId));
    }

    [Fact]
    public async Task A_price_too_large_to_store_is_one_rejected_row_and_the_rest_of_the_file_imports()
    {
        using var scratch = TemporaryFolder.Create("gogobe-overflow-");
        var original = SharedFeeds.File("OlivierH__israel-prices/PriceFull7290058159628-001-202211021214");
        var xml = await File.ReadAllTextAsync(original);
        var price = ItemPrice().Match(xml).Groups[1];
        var path = Path.Combine(scratch.Path, Path.GetFileName(original));
        await File.WriteAllTextAsync(path, xml[..price.Index] + "99999999999999" + xml[(price.Index + price.Length)..]);
        var expected = ExpectedPrices.Read(original);

        var status = await Cluster.Client.WaitAsync((await Cluster.Client.UploadAsync(path)).Id, ImportTimeout);

        Assert.Equal("Completed", status.Status);
        Assert.Equal(1, status.RowsRejected);
        Assert.Equal(1, status.Rejections!["value-out-of-range"]);
        var stored = await Cluster.PricesAsync(expected.Header.ChainId, expected.Header.StoreId!);
        Assert.Equal(expected.Prices.Count - 1, stored.Count);
        Assert.DoesNotContain(stored.Values, p => p > 1_000_000m);
    }

    [Fact]
    public async Task A_database_error_in_a_price_list_reaches_the_record_and_the_log_from_either_silo()
    {
        using var scratch = TemporaryFolder.Create("gogobe-refused-");
        FeedGenerator.Generate(new SyntheticFeedOptions { Chains = 1, Stores = 4, Items = 30, Seed = 31, Layout = 'A', Deltas = false, Promotions = false }, scratch.Path);
        var files = Directory.GetFiles(scratch.Path, "PriceFull*");

        // Four stores' price lists, spread over both silos: PostgreSQL refuses every new price (SQLSTATE 23514).
        await Cluster.CountAsync("ALTER TABLE store_prices ADD CONSTRAINT refuse_new_prices CHECK (price < 0) NOT VALID");
        ImportClient.ImportState[] results;
        try
        {
            var accepted = await Task.WhenAll(files.Select(Cluster.Client.UploadAsync));
            results = await Task.WhenAll(accepted.Select(a => Cluster.Client.WaitAsync(a.Id, ImportTimeout)));
        }
        finally
        {
            await Cluster.CountAsync("ALTER TABLE store_prices DROP CONSTRAINT refuse_new_prices");
        }

        Assert.All(results, r =>
        {
            Assert.Equal(("Failed", 1), (r.Status, r.Attempts));
            Assert.Contains("PostgresException 23514", r.Error, StringComparison.Ordinal);
            Assert.Contains("refuse_new_prices", r.Error, StringComparison.Ordinal);
        });
        Assert.Contains("refuse_new_prices", Cluster.Silo1.Output + Cluster.Silo2.Output, StringComparison.Ordinal);
    }

    private async Task<ImportClient.ImportState> WaitForAsync(string id, Func<ImportClient.ImportState, bool> done)
    {
        var deadline = DateTime.UtcNow + ImportTimeout;
        while (true)
        {
            var state = await Cluster.Client.WaitAsync(id, ImportTimeout);
            if (done(state) || DateTime.UtcNow > deadline)
            {
                return state;
            }

            await Task.Delay(250);
        }
    }

    private async Task PublishAsync(FileUploaded message)
    {
        await using var nats = new NatsConnection(new NatsOpts { Url = Servers.Nats });
        var js = new NatsJSContext(nats);
        var ack = await js.PublishAsync($"{Cluster.Cluster.SubjectPrefix}.files.uploaded", MessageCodec.Encode(message), opts: new NatsJSPubOpts { MsgId = message.ImportId });
        ack.EnsureSuccess();
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    [GeneratedRegex("<ItemPrice>([0-9.]+)</ItemPrice>")]
    private static partial Regex ItemPrice();

    public sealed class Fixture : IAsyncLifetime
    {
        public ImportCluster Cluster { get; private set; } = null!;

        public async Task InitializeAsync() => Cluster = await ImportCluster.StartAsync(new Dictionary<string, string>
        {
            ["Ingest__MaxDeliveries"] = MaxDeliveries.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        public async Task DisposeAsync() => await Cluster.DisposeAsync();
    }
}
