using Gogobe.Ingest.Messages;

namespace Gogobe.Ingest.Bridge;

/// <summary>
/// Imports one uploaded file; the silo implements it by calling its import grain. It can be called more than once for
/// the same file (a redelivery after a crash or a lost acknowledgement), so it must be idempotent per import id.
/// </summary>
public interface IFileImportHandler
{
    /// <summary>
    /// Imports <paramref name="file"/>. Return <see cref="FileImportOutcome.Retry"/> (or throw) for a failure worth
    /// retrying (a database down, a timeout); return <see cref="FileImportOutcome.Rejected"/> for a file that will never
    /// import (its error is recorded and it is not retried).
    /// </summary>
    Task<FileImportOutcome> HandleAsync(FileUploaded file, CancellationToken cancellationToken);

    /// <summary>
    /// The bridge stops trying <paramref name="file"/> (its deliveries are spent, it goes to the dead-letter stream):
    /// record its import as failed with <paramref name="reason"/>. Throw when that cannot be recorded now; the upload is
    /// then delivered again and given up again.
    /// </summary>
    Task GiveUpAsync(FileUploaded file, string reason, CancellationToken cancellationToken);
}

/// <summary>
/// How an import attempt ended: done (imported or rejected, the upload leaves the queue) or to be retried. Row counts
/// feed the ingest metrics.
/// </summary>
public sealed record FileImportOutcome(bool Imported, string? Error, long RowsRead = 0, long RowsChanged = 0, long RowsRejected = 0, bool Transient = false)
{
    public static FileImportOutcome Completed { get; } = new(true, null);

    /// <summary>The file had been imported before this delivery (a redelivery): nothing to count again.</summary>
    public static FileImportOutcome AlreadyImported { get; } = new(true, null) { Repeated = true };

    /// <summary>The attempt did nothing because the import had ended before: its rows are not counted again.</summary>
    public bool Repeated { get; init; }

    /// <summary>The file was imported: <paramref name="read"/> rows read, of which <paramref name="changed"/> changed something.</summary>
    public static FileImportOutcome CompletedWith(long read, long changed, long rejected) => new(true, null, read, changed, rejected);

    /// <summary>The file is bad (unreadable, unknown format); <paramref name="error"/> says why.</summary>
    public static FileImportOutcome Rejected(string error) => new(false, error);

    /// <summary>The attempt failed for a reason that may pass (<paramref name="error"/>): deliver the upload again.</summary>
    public static FileImportOutcome Retry(string error) => new(false, error, Transient: true);
}
