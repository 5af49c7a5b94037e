using Gogobe.Gateway.Baskets;
using Gogobe.Gateway.Queries;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gogobe.Gateway.Apis;

/// <summary>Basket comparison: where a list of products costs least, in one store or split over a few.</summary>
public static class BasketsApi
{
    public const int MaxItems = 100;

    /// <summary>A full basket of long keys is under 10 KB of JSON.</summary>
    public const long MaxBodyBytes = 32 * 1024;

    public static RouteGroupBuilder MapBasketsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/baskets").WithTags("Baskets");
        api.MapPost("/compare", Compare).WithName("CompareBasket")
            .WithSummary("Ranks the stores near a point by what the basket costs there, with missing items, and finds the cheapest split over up to maxStores stores.")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        return api;
    }

    private static async Task<Results<Ok<BasketResponse>, ProblemHttpResult>> Compare(
        BasketRequest? request, BasketPlanner planner, ConfirmationWindow window, CancellationToken cancellationToken)
    {
        if (request?.Items is not { Count: > 0 } requested)
        {
            return QueryInput.Invalid("items", "The basket is empty: send items as [{\"key\": \"7290000000001\", \"quantity\": 2}].");
        }

        if (requested.Count > MaxItems)
        {
            return QueryInput.Invalid("items", $"A basket holds at most {MaxItems} items.");
        }

        var items = new List<(string Key, decimal Quantity)>();
        foreach (var item in requested)
        {
            if (!ProductKeyInput.IsValid(item?.Key))
            {
                return QueryInput.Invalid("items.key", $"'{item?.Key}' is not a product key. {ProductKeyInput.Expected}");
            }

            if (item!.Quantity is { } q && (q <= 0 || q > 1000))
            {
                return QueryInput.Invalid("items.quantity", "quantity is more than 0 and at most 1000 (default 1).");
            }

            items.Add((item.Key!, item.Quantity ?? 1));
        }

        var merged = items.GroupBy(i => i.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Sum(i => i.Quantity))).ToList();
        if (!QueryInput.TryNear(request.Near, out var near, out var problem))
        {
            return problem!;
        }

        if (request.RadiusKm is { } r && (r <= 0 || r > QueryInput.MaxRadiusKm || near is null))
        {
            return QueryInput.Invalid("radiusKm", $"radiusKm is more than 0 and at most {QueryInput.MaxRadiusKm} km, and needs near=lat,lon.");
        }

        if (request.MaxStores is { } m && (m < 1 || m > 5))
        {
            return QueryInput.Invalid("maxStores", "maxStores is how many stores the basket may be split over: 1 to 5 (default 3).");
        }

        if (!window.TryRead(request.ConfirmedWithinDays, out var days, out problem))
        {
            return problem!;
        }

        return TypedResults.Ok(await planner.PlanAsync(merged, near, request.RadiusKm ?? 10, request.MaxStores ?? 3, window.Since(days), cancellationToken));
    }
}
