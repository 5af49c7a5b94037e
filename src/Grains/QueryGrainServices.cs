using Gogobe.Grains.Geo;
using Gogobe.Places.Geocoding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gogobe.Grains;

public static class QueryGrainServices
{
    /// <summary>What the geocode, store locator, product price and product watch grains need: the localities list (section <c>Geo</c>) and the geocoder (section <c>Geocoder</c>).</summary>
    public static IServiceCollection AddGogobeQueryGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GeoOptions>().Bind(configuration.GetSection(GeoOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PlaceLists>();
        services.TryAddSingleton<LocalityDirectory>();
        services.TryAddSingleton<Storage.Products.ProductOfferReader>();
        services.AddOptions<GeocoderOptions>().Bind(configuration.GetSection(GeocoderOptions.Section))
            .Validate(o => o.Problem() is null, "Geocoder settings: Url an absolute URL, RequestsPerSecond in (0, 100], UserAgent naming this deployment, Timeout and Backoff positive")
            .ValidateOnStart();
        services.TryAddSingleton(provider => NominatimFor(provider.GetRequiredService<IOptions<GeocoderOptions>>().Value));
        services.TryAddSingleton<AddressGeocoder>();
        services.TryAddSingleton<GeocodingQueueSignal>();
        services.TryAddSingleton<IGeocodingRequests, QueuedGeocoding>();
        services.TryAddSingleton<Storage.Watches.WatchOutbox>();
        services.TryAddSingleton<Storage.Watches.WatchedOfferStore>();
        services.TryAddSingleton<Watches.RunRoundTrips>();
        return services;
    }

    /// <summary>Asks the store locator every <see cref="GeoOptions.LocateEvery"/> to place stores still without coordinates, and drains the geocoding queue (query silos run both).</summary>
    public static IServiceCollection AddStoreLocationSweep(this IServiceCollection services)
    {
        services.AddHostedService<GeocodingDrain>();
        services.AddHostedService<StoreLocationSweep>();
        return services;
    }

    private static NominatimClient NominatimFor(GeocoderOptions options)
    {
        var http = new HttpClient { Timeout = options.Timeout };
        http.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
        return new NominatimClient(http, options.Url ?? new Uri("http://127.0.0.1/"), options.Backoff);
    }
}
