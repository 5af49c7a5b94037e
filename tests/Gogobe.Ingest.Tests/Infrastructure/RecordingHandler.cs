using System.Collections.Concurrent;
using Gogobe.Ingest.Bridge;
using Gogobe.Ingest.Messages;

namespace Gogobe.Ingest.Tests.Infrastructure;

/// <summary>An import handler that counts calls per import id and delegates the behaviour to the test.</summary>
internal sealed class RecordingHandler(Func<FileUploaded, int, CancellationToken, Task<FileImportOutcome>>? behaviour = null) : IFileImportHandler
{
    public ConcurrentDictionary<string, int> Attempts { get; } = new();

    public ConcurrentDictionary<string, int> Completions { get; } = new();

    public int TotalCompletions => Completions.Values.Sum();

    /// <summary>Imports the bridge gave up on, with the reason it gave.</summary>
    public ConcurrentDictionary<string, string> GivenUp { get; } = new();

    public async Task<FileImportOutcome> HandleAsync(FileUploaded file, CancellationToken cancellationToken)
    {
        var attempt = Attempts.AddOrUpdate(file.ImportId, 1, (_, n) => n + 1);
        var outcome = behaviour is null ? FileImportOutcome.Completed : await behaviour(file, attempt, cancellationToken);
        Completions.AddOrUpdate(file.ImportId, 1, (_, n) => n + 1);
        return outcome;
    }

    public Task GiveUpAsync(FileUploaded file, string reason, CancellationToken cancellationToken)
    {
        GivenUp[file.ImportId] = reason;
        return Task.CompletedTask;
    }
}
