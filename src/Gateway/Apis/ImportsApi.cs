using Gogobe.Gateway.Queries;
using Gogobe.Ingest.Files;
using Gogobe.Ingest.JetStream;
using Gogobe.Storage.Imports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace Gogobe.Gateway.Apis;

/// <summary>File uploads: stored by content hash, queued on NATS, imported by the silos.</summary>
public static class ImportsApi
{
    public const string ImporterPolicy = "importer";
    private const long MaxUploadBytes = 256L * 1024 * 1024;
    private const string FileField = "file";
    private const int MaxBoundaryLength = 70;
    private const int ReadBufferBytes = 64 * 1024;
    private const int MaxFileNameLength = 255;

    /// <summary>1,000 ids of 64 characters in JSON, with room to spare.</summary>
    public const long MaxStatusBodyBytes = 128 * 1024;

    public static RouteGroupBuilder MapImportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/imports").WithTags("Imports");
        api.MapPost("/", Upload)
            .WithName("UploadFeedFile")
            .WithSummary("Uploads one published price, promotion or stores file (multipart field 'file'; its modification-date, when given, dates a file that carries no time of its own); returns its import id.")
            .DisableAntiforgery()
            .RequireAuthorization(ImporterPolicy)
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes))
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = UploadRequestBody;
                return Task.CompletedTask;
            });
        api.MapGet("/{id}", Get).WithName("GetImport").WithSummary("Status, counts, errors and timings of an import.");
        api.MapPost("/status", GetMany).WithName("GetImports").WithSummary("Status of up to 1,000 imports at once, by id (body: {\"ids\": [...]}).")
            .WithMetadata(new RequestSizeLimitAttribute(MaxStatusBodyBytes));
        api.MapGet("/", List).WithName("ListImports").WithSummary("The most recent imports.").RequireAuthorization(ImporterPolicy);
        return api;
    }

    public sealed record ImportAccepted(string Id, string FileName, long Size, bool Duplicate, string Status);

    private static OpenApiRequestBody UploadRequestBody => new()
    {
        Required = true,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["multipart/form-data"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = new Dictionary<string, IOpenApiSchema> { [FileField] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                },
            },
        },
    };

    /// <summary>
    /// Reads the multipart body as it arrives and streams the file part straight into the file store, which hashes it on
    /// the way: the body is not buffered to a temporary file first, as form binding would.
    /// </summary>
    private static async Task<Results<Accepted<ImportAccepted>, ProblemHttpResult>> Upload(
        HttpRequest request, IFileStore files, ImportLog log, FilePublisher publisher, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(UploadShape, statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > MaxBoundaryLength)
        {
            return TypedResults.Problem("The multipart/form-data body needs a boundary of 1 to 70 characters.", statusCode: StatusCodes.Status400BadRequest);
        }

        StoredFile stored;
        DateTimeOffset? modifiedAt;
        try
        {
            var reader = new MultipartReader(boundary, request.Body, ReadBufferBytes);
            if (await FindFileAsync(reader, cancellationToken) is not { } file)
            {
                return MissingFile();
            }

            var name = file.FileName[(file.FileName.LastIndexOfAny(['/', '\\']) + 1)..];
            if (name is "" or "." or ".." || name.Length > MaxFileNameLength || !TextInput.IsClean(name) || name.Trim().Length == 0)
            {
                return QueryInput.Invalid(FileField, $"The file part needs the file's own name (filename=\"...\"), at most {MaxFileNameLength} characters of plain text: not '.', '..' or empty.");
            }

            modifiedAt = ContentDispositionHeaderValue.TryParse(file.Section.ContentDisposition, out var disposition) ? disposition.ModificationDate : null;
            if (modifiedAt > clock.GetUtcNow() + MaxClockAhead)
            {
                return QueryInput.Invalid(FileField, "The file part's modification-date lies in the future; send the file's own modification time or none.");
            }

            await using var content = new BufferedReadStream(new MultipartBodyStream(file.FileStream!), ReadBufferBytes);
            if (!await content.EnsureBufferedAsync(cancellationToken))
            {
                return MissingFile();
            }

            stored = await files.SaveAsync(content, name, cancellationToken);
        }
        catch (BadHttpRequestException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: ex.StatusCode);
        }
        catch (Exception ex) when (ex is InvalidDataException || (ex is IOException && request.HttpContext.RequestAborted.IsCancellationRequested))
        {
            return QueryInput.Invalid(FileField, $"The multipart/form-data body could not be read: {ex.Message}");
        }

        var before = await log.GetAsync(stored.ImportId, cancellationToken);
        if (before is { Status: ImportLogStatus.Completed })
        {
            return TypedResults.Accepted($"/api/imports/{stored.ImportId}", new ImportAccepted(stored.ImportId, stored.FileName, stored.Size, true, before.Status.ToString()));
        }

        var submittedAt = clock.GetUtcNow();
        var created = await log.QueueAsync(stored.ImportId, stored.FileName, stored.Size, submittedAt, cancellationToken);
        if (!created && before is { Status: ImportLogStatus.Failed })
        {
            await log.RequeueAsync(stored.ImportId, submittedAt, cancellationToken);
        }

        try
        {
            var outcome = await publisher.PublishAsync(stored, submittedAt, cancellationToken, modifiedAt: modifiedAt);
            if (outcome == PublishOutcome.Duplicate && (created || before is { Status: ImportLogStatus.Failed }))
            {
                // The broker remembers this content but nothing imports it: its earlier import failed, or its record is gone.
                await publisher.PublishAsync(stored, submittedAt, cancellationToken, resubmission: true, modifiedAt: modifiedAt);
            }
        }
        catch (Exception ex)
        {
            // Nothing would ever run a queued import whose message is not on the broker: end it, to be sent again.
            await log.UnqueueAsync(stored.ImportId, $"The upload could not be queued for import ({ex.GetType().Name}: {ex.Message}); send the file again.", CancellationToken.None);
            throw;
        }

        var status = (await log.GetAsync(stored.ImportId, cancellationToken))?.Status ?? ImportLogStatus.Queued;
        var accepted = new ImportAccepted(stored.ImportId, stored.FileName, stored.Size, !created, status.ToString());
        return TypedResults.Accepted($"/api/imports/{stored.ImportId}", accepted);
    }

    private static async Task<Results<Ok<ImportEntry>, ProblemHttpResult>> Get(string id, ImportLog log, CancellationToken cancellationToken)
    {
        if (!IsImportId(id))
        {
            return QueryInput.Invalid("id", "An import id is the file's SHA-256: 64 lower-case hex digits.");
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
            return QueryInput.Invalid("ids", "Send 1 to 1,000 import ids, each 64 lower-case hex digits.");
        }

        return TypedResults.Ok(await log.GetManyAsync(ids, cancellationToken));
    }

    /// <summary>How far ahead of the gateway's clock a client's modification time may be (clocks drift) before it is refused.</summary>
    private static readonly TimeSpan MaxClockAhead = TimeSpan.FromDays(1);

    private const string UploadShape = "Send the file as multipart/form-data in a field named 'file'.";

    private static ProblemHttpResult MissingFile() =>
        TypedResults.Problem(UploadShape, statusCode: StatusCodes.Status400BadRequest, title: "Missing parameter: file");

    /// <summary>The first file part named <c>file</c> (any case, as form binding matches it), skipping other parts.</summary>
    private static async Task<FileMultipartSection?> FindFileAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (section.AsFileSection() is { } file && string.Equals(file.Name, FileField, StringComparison.OrdinalIgnoreCase))
                {
                    return file;
                }
            }
        }
        catch (IOException ex) when (ex is not BadHttpRequestException)
        {
            throw new InvalidDataException(MultipartBodyStream.EndedEarly, ex);
        }

        return null;
    }

    private static bool IsImportId(string? id) => id is { Length: 64 } && id.All(char.IsAsciiHexDigitLower);

    private static async Task<Results<Ok<IReadOnlyList<ImportEntry>>, ProblemHttpResult>> List(ImportLog log, string? limit, CancellationToken cancellationToken) =>
        QueryInput.TryInt("limit", limit, 1, 500, 50, out var count, out var problem)
            ? TypedResults.Ok(await log.ListRecentAsync(count, cancellationToken))
            : problem!;
}
