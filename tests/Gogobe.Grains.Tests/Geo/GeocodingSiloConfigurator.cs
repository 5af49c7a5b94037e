using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Gogobe.Grains.Tests.Geo;

/// <summary>What a query silo adds to the grains' services: the geocode and store locator grains, the geocoder, the sweep and the drain.</summary>
public sealed class GeocodingSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.Services.AddGogobeQueryGrains(siloBuilder.Configuration);
        siloBuilder.Services.AddStoreLocationSweep();
    }
}
