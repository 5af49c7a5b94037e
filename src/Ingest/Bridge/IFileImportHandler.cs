using Gogobe.Ingest.Messages;

namespace Gogobe.Ingest.Bridge;

/// <summary>
/// Imports one uploaded file; the silo implements it by calling its import grain. It can be called more than once for
/// the same file (a redelivery after a crash or a lost acknowledgement), so it must be idempotent per import id.
/// </summary>
public interface IFileImportHandler
{
    /// <summary>
    /// Imports <paramref name="file"/>. Throw for a failure worth retrying (a database down, a timeout); return
    /// <see cref="FileImportOutcome.Rejected"/> for a file that will never import (its error is recorded and it is not retried).
    /// </summary>
    Task<FileImportOutcome> HandleAsync(FileUploaded file, CancellationToken cancellationToken);
}

/// <summary>How an import ended; either way the upload is done and leaves the queue. Row counts feed the ingest metrics.</summary>
public sealed record FileImportOutcome(bool Imported, string? Error, long RowsRead = 0, long RowsChanged = 0, long RowsRejected = 0)
{
    public static FileImportOutcome Completed { get; } = new(true, null);

    /// <summary>The file was imported: <paramref name="read"/> rows read, of which <paramref name="changed"/> changed something.</summary>
    public static FileImportOutcome CompletedWith(long read, long changed, long rejected) => new(true, null, read, changed, rejected);

    /// <summary>The file is bad (unreadable, unknown format); <paramref name="error"/> says why.</summary>
    public static FileImportOutcome Rejected(string error) => new(false, error);
}
