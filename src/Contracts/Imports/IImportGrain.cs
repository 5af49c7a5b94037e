namespace Gogobe.Contracts.Imports;

/// <summary>
/// One import per distinct file content; the key is the SHA-256 of the file's bytes (lower-case hex).
/// <see cref="Run"/> completes once every row of the file is persisted; running it again changes nothing.
/// </summary>
public interface IImportGrain : IGrainWithStringKey
{
    Task<ImportStatus> Run(ImportRequest request);
}

/// <summary>A file waiting in the file store.</summary>
/// <param name="StoragePath">Path of the file inside the file store.</param>
[GenerateSerializer, Immutable]
public sealed record ImportRequest(
    [property: Id(0)] string ImportId,
    [property: Id(1)] string FileName,
    [property: Id(2)] string StoragePath,
    [property: Id(3)] long Size,
    [property: Id(4)] DateTimeOffset SubmittedAt)
{
    /// <summary>The file's modification time as the uploading client knew it: its publication time when nothing inside says.</summary>
    [Id(5)]
    public DateTimeOffset? ModifiedAt { get; init; }
}

public enum ImportState
{
    Queued,
    Running,
    Completed,
    Failed,
}

[GenerateSerializer, Immutable]
public sealed record ImportStatus(
    [property: Id(0)] string ImportId,
    [property: Id(1)] string FileName,
    [property: Id(2)] ImportState State,
    [property: Id(3)] string? Kind,
    [property: Id(4)] string? ChainId,
    [property: Id(5)] string? StoreId,
    [property: Id(6)] DateTimeOffset? FileTimestamp,
    [property: Id(7)] int RowsRead,
    [property: Id(8)] int RowsChanged,
    [property: Id(9)] int RowsRejected,
    [property: Id(10)] IReadOnlyDictionary<string, int> Rejections,
    [property: Id(11)] string? Error,
    [property: Id(12)] int Attempts,
    [property: Id(13)] DateTimeOffset SubmittedAt,
    [property: Id(14)] DateTimeOffset? StartedAt,
    [property: Id(15)] DateTimeOffset? FinishedAt,
    [property: Id(16)] int? ParseMilliseconds,
    [property: Id(17)] int? ApplyMilliseconds)
{
    /// <summary>This call did nothing: the import had ended before it (a redelivered upload); its figures are not new.</summary>
    [Id(18)]
    public bool Repeated { get; init; }
}
