using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Gogobe.Gateway.Apis;
using Gogobe.Gateway.Queries;
using Gogobe.Storage.Stores;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Gogobe.Gateway.Web;

/// <summary>What the web app asks beyond the product, store and basket answers: its map settings, price ranges of a page of results, localities, live prices.</summary>
public static class WebAppApi
{
    public const int MaxRangeKeys = 50;

    public static IEndpointRouteBuilder MapWebAppApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/app/settings", Settings).WithTags("Web app").WithName("GetAppSettings")
            .WithSummary("The map tile server (URL template and attribution) the web app uses.");
        app.MapGet("/api/localities", Localities).WithTags("Web app").WithName("ListLocalities")
            .WithSummary("Localities that have stores, whose name starts with q (or contains it), with a point at their stores' centre.");
        app.MapGet("/api/products/ranges", Ranges).WithTags("Products").WithName("GetPriceRanges")
            .WithSummary("For each of up to 50 products (keys=k1,k2,...), its lowest and highest current price and number of store offers; members=true spans every member of its master product.");
        app.MapGet("/api/products/{key}/live", Live).WithTags("Products").WithName("FollowProductPrices")
            .WithSummary("Server-sent events: 'ready' once the stream follows the product, then 'changed' each time its prices or promotions changed in a store.");
        return app;
    }

    private static Ok<AppSettings> Settings(IOptions<WebAppOptions> options) =>
        TypedResults.Ok(new AppSettings(options.Value.TileUrl, options.Value.TileAttribution));

    private static async Task<Results<Ok<IReadOnlyList<LocalityPoint>>, ProblemHttpResult>> Localities(string? q, StoreLocalities localities, CancellationToken cancellationToken)
    {
        var text = q?.Trim() ?? "";
        if (text.Length is < 1 or > 60)
        {
            return QueryInput.Invalid("q", "q is the start of a locality's name (e.g. חיפה), 1 to 60 characters.");
        }

        return TypedResults.Ok(await localities.FindAsync(text, 10, cancellationToken));
    }

    private static async Task<Results<Ok<List<PriceRange>>, ProblemHttpResult>> Ranges(
        string? keys, string? members, ProductCatalogView catalog, ProductMasters masters, CancellationToken cancellationToken)
    {
        var list = (keys ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        if (list.Count is 0 or > MaxRangeKeys || !list.All(ProductKeyInput.IsValid))
        {
            return QueryInput.Invalid("keys", $"keys is a comma-separated list of 1 to {MaxRangeKeys} product keys. {ProductKeyInput.Expected}");
        }

        if (!QueryInput.TryMembers(members, out var allMembers, out var problem))
        {
            return problem!;
        }

        // With members=true a key stands for its master product: the range spans every member's offers.
        var groups = allMembers ? await masters.MembersOfAsync(list, cancellationToken) : [];
        var ranges = await Task.WhenAll(list.Select(async key =>
        {
            IEnumerable<string> memberKeys = groups.TryGetValue(key, out var group) ? group.Members.Select(m => m.ProductKey) : [key];
            var offers = (await Task.WhenAll(memberKeys.Select(k => catalog.OffersAsync(k, cancellationToken)))).SelectMany(o => o).ToList();
            return offers.Count == 0
                ? new PriceRange(key, null, null, 0)
                : new PriceRange(key, offers.Min(o => o.Price), offers.Max(o => o.Price), offers.Count);
        }));
        return TypedResults.Ok(ranges.ToList());
    }

    private static Results<ServerSentEventsResult<ProductChanged>, ProblemHttpResult> Live(string key, LiveProductFeed feed, HttpContext context)
    {
        if (!ProductKeyInput.IsValid(key))
        {
            return QueryInput.Invalid("key", ProductKeyInput.Expected);
        }

        var stream = feed.Watch(key);
        if (stream is null)
        {
            return TypedResults.Problem("This gateway follows as many pages as it may; reload the page to see new prices.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Too many live pages");
        }

        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.ServerSentEvents(Follow(key, stream, context.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<ProductChanged>> Follow(string key, LiveStream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using (stream)
        {
            yield return new SseItem<ProductChanged>(new ProductChanged(key, "ready", "", ""), "ready") { ReconnectionInterval = TimeSpan.FromSeconds(5) };
            while (true)
            {
                ProductChanged change;
                try
                {
                    change = await stream.Reader.ReadAsync(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }

                yield return new SseItem<ProductChanged>(change, "changed");
            }
        }
    }
}
