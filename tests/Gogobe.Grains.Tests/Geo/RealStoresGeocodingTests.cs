using System.Diagnostics;
using System.Globalization;
using Gogobe.Feeds;
using Gogobe.Feeds.Model;
using Gogobe.Storage.Places;
using Gogobe.Storage.Stores;
using Gogobe.Testing;
using Xunit.Abstractions;

namespace Gogobe.Grains.Tests.Geo;

/// <summary>
/// Every real Stores file imported in publication order, placed offline after each file as the store locator does, then
/// every address asked once of a local server speaking Nominatim's API that knows every house (the mechanics, not the
/// coverage of OpenStreetMap).
/// </summary>
public sealed class RealStoresGeocodingTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestDatabase database = new();
    private readonly FakeNominatim server = new();

    public Task InitializeAsync() => database.InitializeAsync();

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Every_real_store_with_a_street_address_gets_a_point_of_its_own_address()
    {
        var places = new StorePlaces(database.DataSource);
        var directory = new StoreDirectory(database.DataSource);
        var clock = Stopwatch.StartNew();
        foreach (var (header, stores) in StoresFiles().OrderBy(f => f.Header.Timestamp))
        {
            foreach (var chunk in stores.Chunk(16))
            {
                await Task.WhenAll(chunk.Select(s => directory.UpsertAsync(
                    new StoreRow(s.ChainId, s.StoreId, s.ChainName, s.SubChainId, s.SubChainName, s.Name, s.Address, s.City, s.ZipCode, s.StoreType, s.Latitude, s.Longitude),
                    header.Timestamp, header.FileName)));
            }

            await GeocodingPass.PlaceAndQueueAsync(places);
        }

        var importedAndPlaced = clock.Elapsed;
        var offline = await PrecisionsAsync();
        var queued = await places.CountQueuedAsync();
        clock.Restart();
        await GeocodingPass.DrainAsync(places, GeocodingPass.Geocoder(places, server.Url, 1000), drains: 4);
        var drained = clock.Elapsed;
        var geocoded = await PrecisionsAsync();

        var streetAddresses = "address_key IS NOT NULL AND street IS NOT NULL AND locality_name IS NOT NULL";
        Assert.True(queued > 1000, $"{queued} addresses queued");
        Assert.Equal(queued, server.Requests.Count);
        Assert.Equal(queued, server.Requests.Select(r => (r.Street, r.City)).Distinct().Count());
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM stores WHERE {streetAddresses} AND location_precision NOT IN ('address', 'street')"));
        Assert.Equal(0L, await database.ScalarAsync<long>($"""
            SELECT count(*) FROM (SELECT locality_code FROM stores WHERE {streetAddresses}
                                  GROUP BY locality_code HAVING count(DISTINCT (latitude, longitude)) <> count(DISTINCT address_key)) l
            """));
        output.WriteLine($"stores {await database.ScalarAsync<long>("SELECT count(*) FROM stores")}; distinct addresses asked {queued}");
        output.WriteLine($"offline: {offline}");
        output.WriteLine($"with the geocoder: {geocoded}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stores written and placed {importedAndPlaced.TotalSeconds:0.0} s; queue drained {drained.TotalSeconds:0.0} s"));
    }

    private static IEnumerable<(FeedHeader Header, List<StoreRecord> Stores)> StoresFiles()
    {
        foreach (var path in SharedFeeds.AllFiles().Where(p => Path.GetFileName(p).StartsWith("stores", StringComparison.OrdinalIgnoreCase)))
        {
            using var file = FeedFile.Open(path);
            var stores = file.ReadRecords().OfType<StoreRecord>().ToList();
            if (file.Result.Header is { Kind: FeedKind.Stores } header && stores.Count > 0)
            {
                yield return (header, stores);
            }
        }
    }

    private async Task<string> PrecisionsAsync()
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT COALESCE(location_precision, 'none') || ' (' || COALESCE(location_source, '-') || ')', count(*) FROM stores GROUP BY 1 ORDER BY 1");
        await using var reader = await command.ExecuteReaderAsync();
        var parts = new List<string>();
        while (await reader.ReadAsync())
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{reader.GetString(0)} {reader.GetInt64(1)}"));
        }

        return string.Join(", ", parts);
    }
}
