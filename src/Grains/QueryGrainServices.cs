using Gogobe.Grains.Geo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gogobe.Grains;

public static class QueryGrainServices
{
    /// <summary>What the geocode, store locator and product price grains need: the localities list (section <c>Geo</c>).</summary>
    public static IServiceCollection AddGogobeQueryGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GeoOptions>().Bind(configuration.GetSection(GeoOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PlaceLists>();
        services.TryAddSingleton<LocalityDirectory>();
        services.TryAddSingleton<Storage.Products.ProductOfferReader>();
        services.TryAddSingleton<IGeocodingRequests, NoGeocoding>();
        return services;
    }

    /// <summary>Asks the store locator every <see cref="GeoOptions.LocateEvery"/> to place stores still without coordinates (query silos run it).</summary>
    public static IServiceCollection AddStoreLocationSweep(this IServiceCollection services)
    {
        services.AddHostedService<StoreLocationSweep>();
        return services;
    }
}
