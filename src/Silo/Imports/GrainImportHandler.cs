using Gogobe.Contracts.Imports;
using Gogobe.Ingest.Bridge;
using Gogobe.Ingest.Messages;

namespace Gogobe.Silo.Imports;

/// <summary>The silo's end of the JetStream bridge: an upload becomes a call to its import grain, acknowledged when that returns.</summary>
public sealed class GrainImportHandler(IGrainFactory grains) : IFileImportHandler
{
    public async Task<FileImportOutcome> HandleAsync(FileUploaded file, CancellationToken cancellationToken)
    {
        var request = new ImportRequest(file.ImportId, file.FileName, file.StoragePath, file.Size, file.SubmittedAt);
        var status = await grains.GetGrain<IImportGrain>(file.ImportId).Run(request).WaitAsync(cancellationToken);
        return status.State switch
        {
            ImportState.Completed => FileImportOutcome.CompletedWith(status.RowsRead, status.RowsChanged, status.RowsRejected),
            ImportState.Failed => FileImportOutcome.Rejected(status.Error ?? "the import failed"),
            _ => throw new InvalidOperationException($"Import {file.ImportId} ended in state {status.State}."),
        };
    }
}
