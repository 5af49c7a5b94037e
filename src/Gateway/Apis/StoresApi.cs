using Gogobe.Contracts.Geo;
using Gogobe.Gateway.Caching;
using Gogobe.Gateway.Queries;
using Gogobe.ServiceDefaults.Security;
using Gogobe.Storage.Stores;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gogobe.Gateway.Apis;

/// <summary>Chains and their stores, with where each store is.</summary>
public static class StoresApi
{
    public static IEndpointRouteBuilder MapStoresApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/chains", Chains).WithTags("Stores").WithName("ListChains")
            .WithSummary("Every chain with its number of stores and how many of them have a location.");
        var api = app.MapGroup("/api/stores").WithTags("Stores");
        api.MapGet("/", List).WithName("ListStores")
            .WithSummary("Stores, optionally of one chain, in one city (name or locality code) and/or within radiusKm of near=lat,lon (nearest first).");
        api.MapGet("/unplaced", Unplaced).WithName("ListUnplacedStores").RequireAuthorization(OperatorAccess.Policy)
            .WithSummary("Stores without a location and why (operator: loopback or a token with the operator role).");
        api.MapGet("/{chainId}/{storeId}", Get).WithName("GetStore").WithSummary("One store, with its location and the number of items it sells now.");
        return app;
    }

    private static async Task<Ok<List<ChainEntry>>> Chains(StoreQueries stores, CancellationToken cancellationToken) =>
        TypedResults.Ok(await stores.ChainsAsync(cancellationToken));

    private static async Task<Results<Ok<List<StoreEntry>>, ProblemHttpResult>> List(
        string? chain, string? city, string? near, string? radiusKm, StoreQueries stores, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (chain is not null && !StoreIdInput.IsValidChain(chain))
        {
            return QueryInput.Invalid("chain", "chain is the chain's number (digits), e.g. 7290058140886.");
        }

        if (city is not null && (city.Trim().Length == 0 || city.Length > 100))
        {
            return QueryInput.Invalid("city", "city is a city's name (e.g. תל אביב יפו) or its national locality code (e.g. 5000).");
        }

        if (!QueryInput.TryNear(near, out var point, out var problem) || !QueryInput.TryRadius(radiusKm, 10, out var radius, out problem))
        {
            return problem!;
        }

        if (radiusKm is not null && point is null)
        {
            return QueryInput.Invalid("radiusKm", "radiusKm needs near=lat,lon: the distance is measured from there.");
        }

        int? code = null;
        if (CityName.Key(city) is { } key)
        {
            code = (await cluster.GetGrain<IGeocodeGrain>(key).Resolve())?.Code;
        }

        return TypedResults.Ok(await stores.ListAsync(chain, city?.Trim(), code, point, radius, cancellationToken));
    }

    private static async Task<Results<Ok<StoreEntry>, ProblemHttpResult>> Get(
        string chainId, string storeId, StoreQueries stores, QueryCache cache, CancellationToken cancellationToken)
    {
        if (!StoreIdInput.IsValidChain(chainId))
        {
            return QueryInput.Invalid("chainId", "chainId is the chain's number (digits), e.g. 7290058140886.");
        }

        var store = StoreIdInput.Normalise(storeId);
        if (store is null || store.Length > 20)
        {
            return QueryInput.Invalid("storeId", "storeId is the store's number within its chain, e.g. 1 or 001.");
        }

        var found = await cache.ForStoreAsync("store", chainId, store, async token => new CachedStore(await stores.GetAsync(chainId, store, token)), cancellationToken);
        return found.Store is null
            ? QueryInput.NotFound("Store not found", $"Chain {chainId} has no store {store}.")
            : TypedResults.Ok(found.Store);
    }

    private static async Task<Ok<List<UnplacedEntry>>> Unplaced(Storage.Places.StorePlaces places, CancellationToken cancellationToken) =>
        TypedResults.Ok((await places.ListUnplacedAsync(StoreListings.MaxStores, cancellationToken))
            .Select(s => new UnplacedEntry(s.ChainId, s.StoreId, s.Name, s.Address, s.City, s.Reason)).ToList());

    [System.ComponentModel.ImmutableObject(true)]
    public sealed record CachedStore(StoreEntry? Store);
}
