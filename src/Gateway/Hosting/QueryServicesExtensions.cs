using Gogobe.Gateway.Baskets;
using Gogobe.Gateway.Caching;
using Gogobe.Gateway.Queries;
using Gogobe.Gateway.Search;
using Gogobe.ServiceDefaults.Configuration;
using Gogobe.Storage.Prices;
using Gogobe.Storage.Products;
using Gogobe.Storage.Stores;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gogobe.Gateway.Hosting;

public static class QueryServicesExtensions
{
    /// <summary>
    /// The query side: the queries, a <c>HybridCache</c> over the shared Redis connection (keys prefixed by the cluster id),
    /// and the follower of <c>gogobe.prices.changed</c> and <c>gogobe.promotions.changed</c> that keeps cached answers fresh.
    /// </summary>
    public static WebApplicationBuilder AddGatewayQueries(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<QueryCacheOptions>().BindConfiguration(QueryCacheOptions.Section);
        services.AddOptions<PriceAnswerOptions>().BindConfiguration(PriceAnswerOptions.Section)
            .Validate(o => o.ConfirmedWithinDays is >= 1 and <= PriceAnswerOptions.MaxDays,
                $"{PriceAnswerOptions.Section}:ConfirmedWithinDays is how many days a file's confirmation keeps a price current: 1 to {PriceAnswerOptions.MaxDays} (default 30).")
            .ValidateOnStart();
        services.AddSingleton<ConfirmationWindow>();
        services.AddStackExchangeRedisCache(_ => { });
        services.AddOptions<RedisCacheOptions>().Configure<IServiceProvider, IOptions<ClusterIdentityOptions>>((o, sp, identity) =>
        {
            o.ConnectionMultiplexerFactory = () => Task.FromResult(sp.GetRequiredService<IConnectionMultiplexer>());
            o.InstanceName = $"gogobe:{identity.Value.ClusterId}:answers:";
        });
        var cacheOptions = builder.Configuration.GetSection(QueryCacheOptions.Section).Get<QueryCacheOptions>() ?? new QueryCacheOptions();
        services.AddHybridCache(o => o.MaximumPayloadBytes = cacheOptions.MaximumPayloadBytes);

        services.AddSingleton<TouchedProducts>();
        services.AddSingleton<QueryCache>();
        services.AddSingleton<ProductCatalogView>();
        services.AddSingleton<ProductFinder>();
        services.AddSingleton<ProductSearch>();
        services.AddOptions<ProductIndexOptions>().BindConfiguration(ProductIndexOptions.Section)
            .Validate(o => o.MaxProducts >= 0 && o.MinRefreshInterval > TimeSpan.Zero && o.RefreshInterval >= o.MinRefreshInterval && o.Overlap >= TimeSpan.Zero,
                $"{ProductIndexOptions.Section}: MaxProducts is at least 0, MinRefreshInterval more than zero and at most RefreshInterval, Overlap at least zero.")
            .ValidateOnStart();
        services.AddSingleton<ProductNames>();
        services.AddSingleton<ProductIndexKeeper>();
        services.AddHostedService(sp => sp.GetRequiredService<ProductIndexKeeper>());
        services.AddSingleton<PriceHistory>();
        services.AddSingleton<StoreListings>();
        services.AddSingleton<StoreQueries>();
        services.AddSingleton<StoreLocalities>();
        services.AddSingleton<Storage.Places.StorePlaces>();
        services.AddSingleton<BasketPlanner>();
        services.AddSingleton<Storage.Matching.MasterProductStore>();
        services.AddSingleton<ProductMasters>();
        services.AddHostedService<OfferChangeInvalidator>();
        return builder;
    }
}
