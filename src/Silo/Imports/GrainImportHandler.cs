using Gogobe.Contracts.Imports;
using Gogobe.Ingest.Bridge;
using Gogobe.Ingest.Messages;
using Gogobe.Storage.Imports;

namespace Gogobe.Silo.Imports;

/// <summary>The silo's end of the JetStream bridge: an upload becomes a call to its import grain, acknowledged when that returns.</summary>
public sealed class GrainImportHandler(IGrainFactory grains, ImportLog log) : IFileImportHandler
{
    public async Task<FileImportOutcome> HandleAsync(FileUploaded file, CancellationToken cancellationToken)
    {
        var request = new ImportRequest(file.ImportId, file.FileName, file.StoragePath, file.Size, file.SubmittedAt) { ModifiedAt = file.ModifiedAt };
        ImportStatus status;
        try
        {
            status = await grains.GetGrain<IImportGrain>(file.ImportId).Run(request).WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return FileImportOutcome.Retry($"{ex.GetType().Name}: {ex.Message}");
        }

        return status.State switch
        {
            ImportState.Completed when status.Repeated => FileImportOutcome.AlreadyImported,
            ImportState.Completed => FileImportOutcome.CompletedWith(status.RowsRead, status.RowsChanged, status.RowsRejected),
            ImportState.Failed => FileImportOutcome.Rejected(status.Error ?? "the import failed"),
            _ => FileImportOutcome.Retry(status.Error ?? $"the import ended its attempt in state {status.State}"),
        };
    }

    /// <summary>Written straight to the import log: the import's grain may still be stuck in the attempt that never returned.</summary>
    public Task GiveUpAsync(FileUploaded file, string reason, CancellationToken cancellationToken) =>
        log.GiveUpAsync(file.ImportId, file.FileName, file.Size, file.SubmittedAt, reason, cancellationToken);
}
