using System.Security.Claims;
using Gogobe.Contracts.Matching;
using Gogobe.Gateway.Queries;
using Gogobe.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gogobe.Gateway.Apis;

/// <summary>
/// Operator endpoints of master products: confirm or split a product's match (for good: re-runs and re-training keep
/// it), re-run the matching of everything not decided, the matcher's state, and upload a trained matcher.
/// </summary>
public static class MatchingApi
{
    /// <summary>A trained matcher is a few MB; this leaves room.</summary>
    public const long MaxModelBytes = 64L * 1024 * 1024;

    public static RouteGroupBuilder MapMatchingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/matching").WithTags("Matching").RequireAuthorization(OperatorAccess.Policy);
        api.MapPost("/members/{key}/confirm", Confirm).WithName("ConfirmMasterMember")
            .WithSummary("Keeps the product in its current master product for good (matched by 'manual').");
        api.MapPost("/members/{key}/split", Split).WithName("SplitMasterMember")
            .WithSummary("Takes the product out of its master product: it becomes its own, and re-runs leave it alone.");
        api.MapPost("/rerun", Rerun).WithName("RerunMatching")
            .WithSummary("Starts matching every product no operator decided, from scratch; GET /api/matching/status says when it is done.");
        api.MapGet("/status", Status).WithName("GetMatchingStatus")
            .WithSummary("Products and offers the matcher holds, the model in use, counts of masters and matches, and the last catalogue run's time.");
        api.MapPut("/model", Upload).WithName("UploadMatchModel")
            .WithSummary("Stores a trained matcher (the body, application/octet-stream, as 'gogobe matching train' writes it) and uses it from now on.")
            .WithMetadata(new RequestSizeLimitAttribute(MaxModelBytes))
            .DisableAntiforgery();
        api.MapDelete("/model", Withdraw).WithName("WithdrawMatchModel")
            .WithSummary("Forgets every stored matcher: new products are matched by code only until the next upload (matches made stay until a re-run).");
        return api;
    }

    private static IMasterProductsGrain Grain(IClusterClient client) => client.GetGrain<IMasterProductsGrain>(IMasterProductsGrain.Key);

    private static Task<Results<Ok<MasterDecision>, ProblemHttpResult>> Confirm(string key, ClaimsPrincipal user, IClusterClient client) =>
        DecideAsync(key, () => Grain(client).Confirm(key, Operator(user)));

    private static Task<Results<Ok<MasterDecision>, ProblemHttpResult>> Split(string key, ClaimsPrincipal user, IClusterClient client) =>
        DecideAsync(key, () => Grain(client).Split(key, Operator(user)));

    private static async Task<Results<Ok<MasterDecision>, ProblemHttpResult>> DecideAsync(string key, Func<Task<MasterDecision?>> decide)
    {
        if (!ProductKeyInput.IsValid(key))
        {
            return QueryInput.Invalid("key", ProductKeyInput.Expected);
        }

        MasterDecision? decision;
        try
        {
            decision = await decide();
        }
        catch (InvalidOperationException ex)
        {
            return Busy(ex.Message);
        }

        return decision is null ? QueryInput.NotFound("Product not found", $"No product has the key {key}.") : TypedResults.Ok(decision);
    }

    private static async Task<Accepted<MatchingStatus>> Rerun(IClusterClient client) =>
        TypedResults.Accepted("/api/matching/status", await Grain(client).Rerun());

    private static async Task<Ok<MatchingStatus>> Status(IClusterClient client) => TypedResults.Ok(await Grain(client).GetStatus());

    private static async Task<Results<Ok<ModelInstalled>, ProblemHttpResult>> Upload(HttpRequest request, string? description, ClaimsPrincipal user, IClusterClient client, CancellationToken cancellationToken)
    {
        if (description is { Length: > 500 })
        {
            return QueryInput.Invalid("description", "description is at most 500 characters.");
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        if (body.Length == 0)
        {
            return QueryInput.Invalid("body", "Send the trained matcher as the body (application/octet-stream), as 'gogobe matching train' writes it.");
        }

        var installed = await Grain(client).InstallModel(body.ToArray(), description, Operator(user));
        return installed.Problem is { } problem
            ? problem.StartsWith("a catalogue run", StringComparison.Ordinal) ? Busy(problem) : QueryInput.Invalid("body", problem)
            : TypedResults.Ok(installed);
    }

    private static async Task<Results<Ok<ModelInstalled>, ProblemHttpResult>> Withdraw(ClaimsPrincipal user, IClusterClient client)
    {
        var withdrawn = await Grain(client).WithdrawModel(Operator(user));
        return withdrawn.Problem is { } problem ? Busy(problem) : TypedResults.Ok(withdrawn);
    }

    private static ProblemHttpResult Busy(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Matching is busy");

    private static string? Operator(ClaimsPrincipal user) => user.FindFirst("sub")?.Value ?? user.Identity?.Name;
}
