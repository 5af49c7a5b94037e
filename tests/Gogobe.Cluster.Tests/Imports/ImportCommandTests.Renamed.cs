using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Gogobe.Testing;

namespace Gogobe.Cluster.Tests.Imports;

public sealed partial class ImportCommandTests
{
    /// <summary>
    /// Files saved under names that say nothing are imported: a price list dated by its newest item, and a stores file
    /// with no time at all dated by the modification time the command sends with it; the record says which.
    /// </summary>
    [Fact]
    public async Task Renamed_copies_are_dated_by_their_newest_item_or_by_their_modification_time()
    {
        using var scratch = TemporaryFolder.Create("gogobe-cli-renamed-");
        var prices = Path.Combine(scratch.Path, "download (1).gz");
        var xml = Encoding.UTF8.GetBytes(SharedFeeds.Text(SharedFeeds.RamiLevyPrices));
        await using (var gzip = new GZipStream(File.Create(prices), CompressionLevel.SmallestSize))
        {
            await gzip.WriteAsync(xml);
        }

        var stores = Path.Combine(scratch.Path, "stores.xml");
        await File.WriteAllTextAsync(stores, UndatedHeader().Replace(SharedFeeds.Text(SharedFeeds.RamiLevyStores), ""));
        var modified = new DateTimeOffset(2025, 8, 21, 2, 5, 0, TimeSpan.Zero);
        File.SetLastWriteTimeUtc(stores, modified.UtcDateTime);
        var newestItem = SharedFeeds.Read(SharedFeeds.RamiLevyPrices).Records.OfType<Gogobe.Feeds.Model.PriceItem>().Max(i => i.PriceUpdatedAt);

        var run = await RunAsync(prices, stores);

        Assert.True(run.ExitCode == 0, run.Output);
        var priced = await Cluster.Client.WaitAsync(Sha256(prices), TimeSpan.FromMinutes(2));
        var placed = await Cluster.Client.WaitAsync(Sha256(stores), TimeSpan.FromMinutes(2));
        Assert.Equal(("Completed", "content", newestItem), (priced.Status, priced.FileAtSource, priced.FileAt));
        Assert.Equal(("Completed", "supplied", (DateTimeOffset?)modified), (placed.Status, placed.FileAtSource, placed.FileAt));
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [GeneratedRegex("<LastUpdate(Date|Time)>[^<]*</LastUpdate(Date|Time)>")]
    private static partial Regex UndatedHeader();
}
