using System.Text;
using Gogobe.Contracts.Imports;
using Gogobe.Storage.Prices;
using Gogobe.Testing;

namespace Gogobe.Grains.Tests.Cluster;

/// <summary>An import grain reading a stored file and handing it to the store's grains, in process.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class ImportGrainTests(GrainCluster cluster)
{
    [Fact]
    public async Task A_real_price_file_becomes_exactly_its_current_prices_and_a_second_run_changes_nothing()
    {
        var path = SharedFeeds.RamiLevyPrices;
        var expected = ExpectedPrices.Read(path);
        var request = await StoreAsync(File.OpenRead(path), Path.GetFileName(path));
        var grain = cluster.Grains.GetGrain<IImportGrain>(request.ImportId);

        var first = await grain.Run(request);
        var again = await grain.Run(request);

        Assert.Equal(ImportState.Completed, first.State);
        Assert.Equal(expected.Prices.Count, first.RowsChanged);
        var stored = await new PriceListStore(cluster.Database.DataSource).LoadAsync(expected.Header.ChainId, expected.Header.StoreId!);
        Assert.Equal(expected.Prices.OrderBy(p => p.Key, StringComparer.Ordinal), stored.Prices.ToDictionary(p => p.ProductKey, p => p.Price).OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal((first.State, first.RowsChanged, first.Attempts, first.FinishedAt), (again.State, again.RowsChanged, again.Attempts, again.FinishedAt));
        Assert.False(first.Repeated);
        Assert.True(again.Repeated);
    }

    [Fact]
    public async Task A_file_that_is_not_a_feed_fails_with_its_reason_and_writes_nothing()
    {
        var request = await StoreAsync(new MemoryStream(Encoding.UTF8.GetBytes("this is not a price file")), "PriceFull7290000000009-001-202501010000.xml");

        var status = await cluster.Grains.GetGrain<IImportGrain>(request.ImportId).Run(request);

        Assert.Equal(ImportState.Failed, status.State);
        Assert.False(string.IsNullOrWhiteSpace(status.Error));
        Assert.Equal(0L, await cluster.Database.ScalarAsync<long>("SELECT count(*) FROM store_prices WHERE chain_id = '7290000000009'"));
    }

    private async Task<ImportRequest> StoreAsync(Stream content, string fileName)
    {
        await using (content)
        {
            var stored = await cluster.FileStore.SaveAsync(content, fileName, CancellationToken.None);
            return new ImportRequest(stored.ImportId, stored.FileName, stored.StoragePath, stored.Size, DateTimeOffset.UtcNow);
        }
    }
}
