namespace Gogobe.Storage.Imports;

/// <summary>Where an import is; stored as the member name in <c>imports.status</c>.</summary>
public enum ImportLogStatus
{
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>One import (one distinct file content) as logged.</summary>
/// <param name="Rejections">Rejected rows counted by reason.</param>
public sealed record ImportEntry(
    string ImportId,
    string FileName,
    long SizeBytes,
    ImportLogStatus Status,
    string? Kind,
    string? ChainId,
    string? StoreId,
    DateTimeOffset? FileAt,
    int RowsRead,
    int RowsChanged,
    int RowsRejected,
    IReadOnlyDictionary<string, int> Rejections,
    string? Error,
    int Attempts,
    string? Silo,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int? ParseMilliseconds,
    int? ApplyMilliseconds)
{
    /// <summary>Where <see cref="FileAt"/> comes from: <c>header</c>, <c>name</c>, <c>content</c> (the newest update time
    /// inside) or <c>supplied</c> (the modification time the uploading client gave).</summary>
    public string? FileAtSource { get; init; }
}

/// <summary>What an import found and did; recorded when it completes, and as far as known when it fails.</summary>
public sealed record ImportOutcome(
    string? Kind,
    string? ChainId,
    string? StoreId,
    DateTimeOffset? FileAt,
    int RowsRead,
    int RowsChanged,
    int RowsRejected,
    IReadOnlyDictionary<string, int> Rejections,
    int? ParseMilliseconds,
    int? ApplyMilliseconds)
{
    /// <inheritdoc cref="ImportEntry.FileAtSource"/>
    public string? FileAtSource { get; init; }
}

/// <summary>The result of <see cref="ImportLog.TryBeginAsync"/>.</summary>
/// <param name="Started">True when this caller now runs the import; false when it had already completed.</param>
public sealed record ImportBegin(bool Started, ImportEntry Entry);
