using Gogobe.Contracts.Geo;
using Gogobe.Gateway.Caching;
using Gogobe.Gateway.Queries;
using Gogobe.Storage.Prices;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gogobe.Gateway.Apis;

/// <summary>Products: search, facts with a price summary, current prices per store, price history.</summary>
public static class ProductsApi
{
    public static RouteGroupBuilder MapProductsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/products").WithTags("Products");
        api.MapGet("/search", Search).WithName("SearchProducts")
            .WithSummary("Finds products by the words of their name (any order, Hebrew or English) or by barcode, best matches first.");
        api.MapGet("/{key}", Get).WithName("GetProduct")
            .WithSummary("A product's facts merged across chains, with its lowest, highest and average current price and number of stores (offers confirmed within confirmedWithinDays days, default 30).");
        api.MapGet("/{key}/prices", ProductPricesEndpoint.Handle).WithName("GetProductPrices")
            .WithSummary("The product's current price in each store, confirmed by a file within confirmedWithinDays days (default 30; older offers are counted in 'unconfirmed'), with the public promotion running now and club-only offers apart; members=true lists the prices of every member of its master product, each saying which member and how it was matched.");
        api.MapGet("/{key}/history", History).WithName("GetProductPriceHistory")
            .WithSummary("The product's price changes over time, optionally for one chain or store and a time range; members=true merges the histories of every member of its master product, each entry saying which member and how it was matched.");
        return api;
    }

    private static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> Search(
        string? q, string? limit, ProductSearch search, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Length > 200 || (!ProductSearch.IsKeyQuery(q.Trim()) && SearchText.Normalise(q).Length < 2))
        {
            return QueryInput.Invalid("q", "q is what to look for: at least two letters or digits of a name, or a barcode (at least three digits), at most 200 characters.");
        }

        if (!QueryInput.TryInt("limit", limit, 1, 50, 20, out var count, out var problem))
        {
            return problem!;
        }

        var query = q.Trim();
        return TypedResults.Ok(new SearchResponse(query, await search.SearchAsync(query, count, cancellationToken)));
    }

    private static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> Get(
        string key, string? confirmedWithinDays, ProductCatalogView catalog, ProductMasters masters, ConfirmationWindow window, CancellationToken cancellationToken)
    {
        if (!ProductKeyInput.IsValid(key))
        {
            return QueryInput.Invalid("key", ProductKeyInput.Expected);
        }

        if (!window.TryRead(confirmedWithinDays, out var days, out var problem))
        {
            return problem!;
        }

        var facts = await catalog.FactsAsync(key, cancellationToken);
        if (facts is null)
        {
            return QueryInput.NotFound("Product not found", $"No product has the key {key}.");
        }

        var all = await catalog.OffersAsync(key, cancellationToken);
        var since = window.Since(days);
        var offers = all.Where(o => o.ConfirmedAt >= since).ToList();
        var summary = offers.Count == 0
            ? null
            : new PriceSummary(
                offers.Min(o => o.Price), offers.Max(o => o.Price), Math.Round(offers.Average(o => o.Price), 2, MidpointRounding.AwayFromZero),
                offers.Count, offers.Select(o => o.ChainId).Distinct(StringComparer.Ordinal).Count());
        var master = (await masters.MembersOfAsync([key], cancellationToken)).TryGetValue(key, out var found) && found.Members.Count > 0
            ? MasterProduct.Of(found.MasterId, found.Members)
            : null;
        return TypedResults.Ok(new ProductResponse(
            facts.ProductKey, facts.Name, facts.Manufacturer, facts.Country, facts.Quantity, facts.Unit, facts.IsWeighted,
            facts.Chains, facts.OtherNames, summary, days, all.Count - offers.Count, master));
    }

    private static async Task<Results<Ok<PriceHistoryResponse>, ProblemHttpResult>> History(
        string key, string? chainId, string? storeId, string? from, string? to, string? members,
        ProductCatalogView catalog, ProductMasters masters, PriceHistory history, CancellationToken cancellationToken)
    {
        if (!ProductKeyInput.IsValid(key))
        {
            return QueryInput.Invalid("key", ProductKeyInput.Expected);
        }

        if (chainId is not null && !StoreIdInput.IsValidChain(chainId))
        {
            return QueryInput.Invalid("chainId", "chainId is the chain's number (digits), e.g. 7290058140886.");
        }

        if (storeId is not null && (chainId is null || StoreIdInput.Normalise(storeId) is null))
        {
            return QueryInput.Invalid("storeId", "storeId names a store of a chain: give chainId too, and a non-empty store id.");
        }

        if (!QueryInput.TryInstant("from", from, out var since, out var problem) || !QueryInput.TryInstant("to", to, out var until, out problem)
            || !QueryInput.TryMembers(members, out var allMembers, out problem))
        {
            return problem!;
        }

        if (since > until)
        {
            return QueryInput.Invalid("from", "from must not be later than to.");
        }

        if (await catalog.FactsAsync(key, cancellationToken) is null)
        {
            return QueryInput.NotFound("Product not found", $"No product has the key {key}.");
        }

        var store = StoreIdInput.Normalise(storeId);
        if (allMembers && (await masters.MembersOfAsync([key], cancellationToken)).TryGetValue(key, out var master))
        {
            // Every member's history, merged in time order (at most PriceHistory.MaxChanges entries in all), each naming its member.
            var histories = await Task.WhenAll(master.Members.Select(m => history.ReadAsync(m.ProductKey, chainId, store, since, until, cancellationToken)));
            var merged = master.Members
                .SelectMany((m, i) => histories[i].Select(c => c with { Member = m.ProductKey, MatchedBy = m.MatchedBy }))
                .OrderBy(c => c.ChangedAt)
                .Take(PriceHistory.MaxChanges)
                .ToList();
            return TypedResults.Ok(new PriceHistoryResponse(key, merged) { MasterId = master.MasterId });
        }

        return TypedResults.Ok(new PriceHistoryResponse(key, await history.ReadAsync(key, chainId, store, since, until, cancellationToken)));
    }
}
