using System.Globalization;
using System.Security.Claims;
using Gogobe.Contracts.Watches;
using Gogobe.Gateway.Queries;
using Gogobe.Gateway.Watches;
using Gogobe.Storage.Watches;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gogobe.Gateway.Apis;

/// <summary>
/// A user's price watches: the user is the bearer token's subject (<c>sub</c>); a user sees and deletes only their own.
/// Delivery failures that outlived every retry are listed as dead letters.
/// </summary>
public static partial class WatchesApi
{
    public const string UserPolicy = "user";
    public const int MaxWatchesPerUser = 1000;
    private const long MaxBodyBytes = 64 * 1024;

    public static RouteGroupBuilder MapWatchesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/watches").WithTags("Watches").RequireAuthorization(UserPolicy);
        api.MapPost("/", Create).WithName("CreateWatch")
            .WithSummary("Watches a product: price below X, a drop of Y%, or any new promotion, in some stores, chains or near a place; delivered by webhook and/or email.")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        api.MapGet("/", List).WithName("ListWatches").WithSummary("The caller's watches.");
        api.MapGet("/dead-letters", DeadLetters).WithName("ListWatchDeadLetters")
            .WithSummary("The caller's notifications that could not be delivered after every retry, newest first.");
        api.MapGet("/{id}", Get).WithName("GetWatch").WithSummary("One of the caller's watches.");
        api.MapDelete("/{id}", Delete).WithName("DeleteWatch").WithSummary("Deletes one of the caller's watches.");
        return api;
    }

    private static async Task<Results<Created<WatchCreated>, ProblemHttpResult>> Create(
        WatchRequest request, ClaimsPrincipal user, WatchStore store, IClusterClient cluster, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        if (!WatchInput.TryRead(request, out var definition, out var problem))
        {
            return problem!;
        }

        var owner = Owner(user);
        if (await store.CreateAsync(owner, definition!, MaxWatchesPerUser, cancellationToken) is not { } row)
        {
            return TypedResults.Problem($"A user may keep at most {MaxWatchesPerUser} watches; delete some first.", statusCode: StatusCodes.Status409Conflict, title: "Too many watches");
        }

        await TellProductAsync(cluster, logs, row.Definition.ProductKey);
        var secret = await store.EnsureUserAsync(owner, cancellationToken);
        var created = WatchResponse.Of(await store.GetAsync(row.WatchId, cancellationToken) ?? row);
        return TypedResults.Created($"/api/watches/{row.WatchId}", new WatchCreated(created, secret));
    }

    private static async Task<Ok<List<WatchResponse>>> List(ClaimsPrincipal user, WatchStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(Owner(user), cancellationToken)).ConvertAll(WatchResponse.Of));

    private static async Task<Results<Ok<WatchResponse>, ProblemHttpResult>> Get(string id, ClaimsPrincipal user, WatchStore store, CancellationToken cancellationToken)
    {
        var (row, problem) = await FindOwnAsync(id, user, store, cancellationToken);
        return row is null ? problem! : TypedResults.Ok(WatchResponse.Of(row));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string id, ClaimsPrincipal user, WatchStore store, IClusterClient cluster, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var (row, problem) = await FindOwnAsync(id, user, store, cancellationToken);
        if (row is null)
        {
            return problem!;
        }

        await store.DeleteAsync(row.WatchId, row.UserId, cancellationToken);
        await TellProductAsync(cluster, logs, row.Definition.ProductKey);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<List<DeadLetter>>, ProblemHttpResult>> DeadLetters(
        ClaimsPrincipal user, WatchStore store, string? limit, CancellationToken cancellationToken) =>
        QueryInput.TryInt("limit", limit, 1, 500, 100, out var count, out var problem)
            ? TypedResults.Ok(await store.DeadLettersAsync(Owner(user), count, cancellationToken))
            : problem!;

    /// <summary>The watch when it exists and is the caller's; otherwise a 400 (not an id), 404 (no such watch) or 403 (another's).</summary>
    private static async Task<(WatchRow? Row, ProblemHttpResult? Problem)> FindOwnAsync(string id, ClaimsPrincipal user, WatchStore store, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var watchId) || watchId <= 0)
        {
            return (null, QueryInput.Invalid("id", "A watch id is the positive number POST /api/watches answered."));
        }

        var row = await store.GetAsync(watchId, cancellationToken);
        if (row is null)
        {
            return (null, QueryInput.NotFound("Watch not found", $"No watch {watchId}."));
        }

        return row.UserId == Owner(user)
            ? (row, null)
            : (null, TypedResults.Problem($"Watch {watchId} belongs to another user.", statusCode: StatusCodes.Status403Forbidden, title: "Not your watch"));
    }

    private static string Owner(ClaimsPrincipal user) => user.FindFirstValue("sub")!;

    /// <summary>Tells the product's watch grain to read its watches again; the watch is stored either way.</summary>
    private static async Task TellProductAsync(IClusterClient cluster, ILoggerFactory logs, string productKey)
    {
        try
        {
            await cluster.GetGrain<IProductWatchGrain>(productKey).WatchesChanged();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotArmed(logs.CreateLogger(typeof(WatchesApi).FullName!), productKey, ex);
        }
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Watches of {ProductKey} changed but its watch grain could not be told; they apply from its next activation")]
    private static partial void LogNotArmed(ILogger logger, string productKey, Exception exception);
}
