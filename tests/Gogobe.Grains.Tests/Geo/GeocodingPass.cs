using Gogobe.Grains.Geo;
using Gogobe.Places;
using Gogobe.Places.Geocoding;
using Gogobe.Storage.Places;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gogobe.Grains.Tests.Geo;

/// <summary>What the store locator and a silo's geocoding drain do, run in the test: place waiting stores, queue their addresses, ask the geocoder.</summary>
internal static class GeocodingPass
{
    private static readonly Lazy<StorePlacer> Placer = new(() =>
    {
        var folder = GeoLists.DefaultFolder() ?? throw new DirectoryNotFoundException("../shared/geo beside the repository");
        return GeoLists.Load(Path.Combine(folder, GeoLists.LocalitiesFileName), Path.Combine(folder, GeoLists.StreetsFileName)).Placer();
    });

    public static AddressGeocoder Geocoder(StorePlaces places, Uri server, double perSecond)
    {
        var options = new GeocoderOptions { Url = server, RequestsPerSecond = perSecond, Backoff = TimeSpan.FromSeconds(1) };
        var http = new HttpClient { Timeout = options.Timeout };
        http.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
        return new AddressGeocoder(places, new NominatimClient(http, server, options.Backoff), Options.Create(options), TimeProvider.System, NullLogger<AddressGeocoder>.Instance);
    }

    /// <summary>Places the stores whose facts changed offline, then queues the addresses a geocoder may place better.</summary>
    public static async Task PlaceAndQueueAsync(StorePlaces places)
    {
        var chains = new ChainLocalities();
        foreach (var (chain, code, count) in await places.ReadChainLocalitiesAsync())
        {
            chains.Add(chain, code, count);
        }

        var waiting = await places.ReadWaitingAsync(20_000);
        var placed = Placer.Value.Place(waiting.Select(w => new StoreAddress(w.ChainId, w.StoreId, w.Name, w.Address, w.City, w.StoreType, w.FeedLatitude, w.FeedLongitude)).ToList(), chains);
        await places.WriteAsync(placed.Select(StoreLocatorGrain.ToRow).ToList());
        using var signal = new GeocodingQueueSignal();
        await new QueuedGeocoding(places, Options.Create(new GeocoderOptions { Url = new Uri("http://127.0.0.1/") }), signal).RequestPendingAsync(CancellationToken.None);
    }

    /// <summary>Takes every due address from the queue and geocodes it, with <paramref name="drains"/> claiming at once; each must be answered at once.</summary>
    public static Task DrainAsync(StorePlaces places, AddressGeocoder geocoder, int drains = 1) =>
        Task.WhenAll(Enumerable.Range(0, drains).Select(async _ =>
        {
            while (await places.ClaimGeocodingAsync(TimeSpan.FromMinutes(1)) is { } next)
            {
                var query = new GeocodeQuery(next.AddressKey, next.Street, next.HouseNumber, next.Locality);
                Assert.True(await geocoder.GeocodeAsync(query, CancellationToken.None) is null, $"'{query.Text}' was not answered");
                await places.FinishGeocodingAsync(next.AddressKey);
            }
        }));
}
