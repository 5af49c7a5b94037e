using Gogobe.Storage.Imports;
using Gogobe.Storage.Prices;
using Gogobe.Storage.Products;
using Gogobe.Storage.Promotions;
using Gogobe.Storage.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gogobe.Grains;

public static class GrainServices
{
    /// <summary>What the grains need besides Orleans: the PostgreSQL stores (the host registers the NpgsqlDataSource) and a clock.</summary>
    public static IServiceCollection AddGogobeGrainServices(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<Imports.ImportMetrics>();
        services.TryAddSingleton<PriceListStore>();
        services.TryAddSingleton<StoreDirectory>();
        services.TryAddSingleton<Storage.Places.StorePlaces>();
        services.TryAddSingleton<PromotionStore>();
        services.TryAddSingleton<ImportLog>();
        services.TryAddSingleton<ProductCatalog>();
        services.TryAddSingleton<Storage.Matching.MasterProductStore>();
        services.AddOptions<Matching.MatchingOptions>().BindConfiguration(Matching.MatchingOptions.Section);
        return services;
    }
}
