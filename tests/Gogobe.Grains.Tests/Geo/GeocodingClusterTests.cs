using System.Diagnostics;
using System.Globalization;
using Gogobe.Contracts.Imports;
using Gogobe.Grains.Geo;
using Gogobe.Grains.Tests.Cluster;
using Gogobe.Ingest.Files;
using Gogobe.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace Gogobe.Grains.Tests.Geo;

/// <summary>
/// A Stores file imported into an in-process silo holding both roles, with a geocoder speaking Nominatim's API: the
/// import places its stores offline and queues their addresses, the silo's drain asks the geocoder at the configured
/// rate and the stores move to the answers.
/// </summary>
public sealed class GeocodingClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int RequestsPerSecond = 20;
    private readonly TestDatabase database = new();
    private readonly TemporaryFolder files = TemporaryFolder.Create("gogobe-geocoding-files-");
    private readonly FakeNominatim server = new();
    private TestCluster silo = null!;

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        var builder = GrainCluster.Builder(database, files, $"geo{Guid.NewGuid():N}"[..12]);
        builder.Properties["Geocoder:Url"] = server.Url.ToString();
        builder.Properties["Geocoder:RequestsPerSecond"] = RequestsPerSecond.ToString(CultureInfo.InvariantCulture);
        builder.Properties["Geocoder:Backoff"] = "00:00:01";

        // The drain's safety look is 30 minutes: within a test only a notification, or a request coming due, moves it.
        builder.Properties["Geocoder:IdlePoll"] = "00:30:00";
        builder.AddSiloBuilderConfigurator<GeocodingSiloConfigurator>();
        silo = builder.Build();
        await silo.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await silo.StopAllSilosAsync();
        await silo.DisposeAsync();
        await server.DisposeAsync();
        await database.DisposeAsync();
        files.Dispose();
    }

    [Fact]
    public async Task A_running_drain_sleeps_while_the_queue_is_empty_and_an_address_another_silo_queued_wakes_it()
    {
        var drain = silo.Silos.Cast<InProcessSiloHandle>().Single().SiloHost.Services.GetServices<IHostedService>().OfType<GeocodingDrain>().Single();
        await Eventually.TrueAsync(() => Task.FromResult(drain.Listening), TimeSpan.FromSeconds(60), () => "the drain never listened for queued addresses");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(server.Requests);

        // Queued as another silo's store locator does it: this silo's own signal is not raised, only PostgreSQL's notification.
        await database.ScalarAsync<int>(
            "WITH q AS (INSERT INTO geocode_requests (address_key, street, house_number, locality) VALUES ('herzl 12|ashdod', 'Herzl', '12', 'Ashdod') RETURNING 1) SELECT count(*)::int FROM q");
        await Eventually.TrueAsync(async () => await database.ScalarAsync<long>("SELECT count(*) FROM geocode_requests") == 0, TimeSpan.FromSeconds(60),
            () => $"the queued address did not wake the drain ({server.Requests.Count} requests)");

        Assert.Equal("Ashdod", Assert.Single(server.Requests).City);
    }

    [Fact]
    public async Task A_new_stores_file_ends_with_every_street_address_geocoded_once_after_a_refusal_is_asked_again()
    {
        var refused = 0;
        server.Answer = (street, city) => Interlocked.Exchange(ref refused, 1) == 0
            ? (429, "", TimeSpan.Zero, 1)
            : (200, FakeNominatim.House(street, city), TimeSpan.Zero, null);
        var stored = await new FileStore(files.Path).SaveAsync(File.OpenRead(SharedFeeds.OsherAdStores), Path.GetFileName(SharedFeeds.OsherAdStores), CancellationToken.None);
        var request = new ImportRequest(stored.ImportId, stored.FileName, stored.StoragePath, stored.Size, DateTimeOffset.UtcNow);

        var clock = Stopwatch.StartNew();
        var import = await silo.GrainFactory.GetGrain<IImportGrain>(request.ImportId).Run(request);
        var imported = clock.Elapsed;
        var addresses = await database.ScalarAsync<long>("SELECT count(DISTINCT address_key) FROM stores WHERE street IS NOT NULL");
        TimeSpan? first = null;
        await Eventually.TrueAsync(async () =>
        {
            var geocoded = await database.ScalarAsync<long>("SELECT count(DISTINCT address_key) FROM stores WHERE location_source = 'geocoder'");
            first ??= geocoded > 0 ? clock.Elapsed : null;
            return geocoded == addresses;
        }, TimeSpan.FromSeconds(60), () => $"{server.Requests.Count} requests for {addresses} addresses", TimeSpan.FromMilliseconds(20));
        var all = clock.Elapsed;

        Assert.Equal(ImportState.Completed, import.State);
        Assert.True(addresses > 10, $"{addresses} street addresses in the file");
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM stores WHERE street IS NOT NULL AND location_source IS DISTINCT FROM 'geocoder'"));
        var asked = server.Requests.GroupBy(r => (r.Street, r.City)).Select(g => g.Count()).ToList();
        Assert.Equal(addresses, asked.Count);
        Assert.Equal([1, 2], asked.Distinct().Order());
        Assert.Single(asked, n => n == 2);
        await Eventually.TrueAsync(async () => await database.ScalarAsync<long>("SELECT count(*) FROM geocode_requests") == 0, TimeSpan.FromSeconds(10), () => "requests left in the queue");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"import {imported.TotalSeconds:0.00} s; first store geocoded {first?.TotalSeconds:0.00} s; all {addresses} addresses {all.TotalSeconds:0.00} s at {RequestsPerSecond}/s with one 429 (1 s hold); {server.Requests.Count} requests"));
    }
}
