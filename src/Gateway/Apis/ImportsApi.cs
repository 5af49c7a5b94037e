using Gogobe.Ingest.Files;
using Gogobe.Ingest.JetStream;
using Gogobe.Storage.Imports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gogobe.Gateway.Apis;

/// <summary>File uploads: stored by content hash, queued on NATS, imported by the silos.</summary>
public static class ImportsApi
{
    public const string ImporterPolicy = "importer";
    private const long MaxUploadBytes = 256L * 1024 * 1024;

    public static RouteGroupBuilder MapImportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/imports").WithTags("Imports");
        api.MapPost("/", Upload)
            .WithName("UploadFeedFile")
            .WithSummary("Uploads one published price, promotion or stores file (multipart field 'file'); returns its import id.")
            .DisableAntiforgery()
            .RequireAuthorization(ImporterPolicy)
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes));
        api.MapGet("/{id}", Get).WithName("GetImport").WithSummary("Status, counts, errors and timings of an import.");
        api.MapPost("/status", GetMany).WithName("GetImports").WithSummary("Status of up to 1,000 imports at once, by id (body: {\"ids\": [...]}).");
        api.MapGet("/", List).WithName("ListImports").WithSummary("The most recent imports.").RequireAuthorization(ImporterPolicy);
        return api;
    }

    public sealed record ImportAccepted(string Id, string FileName, long Size, bool Duplicate, string Status);

    private static async Task<Results<Accepted<ImportAccepted>, ProblemHttpResult>> Upload(
        IFormFile? file, IFileStore files, ImportLog log, FilePublisher publisher, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return TypedResults.Problem("Send the file as multipart/form-data in a field named 'file'.", statusCode: StatusCodes.Status400BadRequest, title: "Missing parameter: file");
        }

        await using var content = file.OpenReadStream();
        var stored = await files.SaveAsync(content, Path.GetFileName(file.FileName), cancellationToken);
        var before = await log.GetAsync(stored.ImportId, cancellationToken);
        if (before is { Status: ImportLogStatus.Completed })
        {
            return TypedResults.Accepted($"/api/imports/{stored.ImportId}", new ImportAccepted(stored.ImportId, stored.FileName, stored.Size, true, before.Status.ToString()));
        }

        var submittedAt = clock.GetUtcNow();
        var created = await log.QueueAsync(stored.ImportId, stored.FileName, stored.Size, submittedAt, cancellationToken);
        var outcome = await publisher.PublishAsync(stored, submittedAt, cancellationToken);
        if (outcome == PublishOutcome.Duplicate && (created || before is { Status: ImportLogStatus.Failed }))
        {
            // The broker remembers this content but nothing imports it: its earlier import failed, or its record is gone.
            await publisher.PublishAsync(stored, submittedAt, cancellationToken, resubmission: true);
        }

        var status = (await log.GetAsync(stored.ImportId, cancellationToken))?.Status ?? ImportLogStatus.Queued;
        var accepted = new ImportAccepted(stored.ImportId, stored.FileName, stored.Size, !created, status.ToString());
        return TypedResults.Accepted($"/api/imports/{stored.ImportId}", accepted);
    }

    private static async Task<Results<Ok<ImportEntry>, ProblemHttpResult>> Get(string id, ImportLog log, CancellationToken cancellationToken)
    {
        if (!IsImportId(id))
        {
            return TypedResults.Problem("An import id is the file's SHA-256: 64 lower-case hex digits.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid parameter: id");
        }

        var entry = await log.GetAsync(id, cancellationToken);
        return entry is null
            ? TypedResults.Problem($"No import {id}.", statusCode: StatusCodes.Status404NotFound, title: "Import not found")
            : TypedResults.Ok(entry);
    }

    public sealed record ImportIds(IReadOnlyList<string>? Ids);

    private static async Task<Results<Ok<IReadOnlyList<ImportEntry>>, ProblemHttpResult>> GetMany(ImportIds request, ImportLog log, CancellationToken cancellationToken)
    {
        if (request.Ids is not { Count: > 0 and <= 1000 } ids || ids.Any(id => !IsImportId(id)))
        {
            return TypedResults.Problem("Send 1 to 1,000 import ids, each 64 lower-case hex digits.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid parameter: ids");
        }

        return TypedResults.Ok(await log.GetManyAsync(ids, cancellationToken));
    }

    private static bool IsImportId(string id) => id.Length == 64 && id.All(char.IsAsciiHexDigitLower);

    private static async Task<Ok<IReadOnlyList<ImportEntry>>> List(ImportLog log, CancellationToken cancellationToken, int limit = 50) =>
        TypedResults.Ok(await log.ListRecentAsync(Math.Clamp(limit, 1, 500), cancellationToken));
}
