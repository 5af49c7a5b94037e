using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;

namespace Gogobe.Cli.Importing;

/// <summary>
/// Uploads files a few at a time and follows their imports to the end, or until none of them has moved for
/// <paramref name="stallTimeout"/>: the imports still unfinished then are reported as stalled and no longer followed.
/// </summary>
internal sealed class ImportRun(GatewayImports gateway, int parallelUploads, TimeSpan stallTimeout)
{
    /// <summary>The unfinished imports asked about in a round, oldest first.</summary>
    private const int PollWindow = 256;

    /// <summary>Every this many rounds, every unfinished import is asked about.</summary>
    private const int FullRoundEvery = 8;

    public ConcurrentDictionary<string, FileState> Files { get; } = new(StringComparer.Ordinal);

    public Stopwatch Clock { get; } = new();

    /// <summary>Uploads <paramref name="paths"/>, then asks for the state of the unfinished imports every <paramref name="pollInterval"/>.</summary>
    public async Task RunAsync(IReadOnlyList<string> paths, TimeSpan pollInterval, Action onChange, CancellationToken cancellationToken)
    {
        foreach (var path in paths)
        {
            Files[path] = new FileState(path);
        }

        Clock.Start();
        var uploads = await SkipImportedAsync(paths, onChange, cancellationToken);
        await Parallel.ForEachAsync(uploads, new ParallelOptions { MaxDegreeOfParallelism = parallelUploads, CancellationToken = cancellationToken }, async (path, ct) =>
        {
            var state = Files[path];
            try
            {
                var receipt = await gateway.UploadAsync(path, ct);
                state.Id = receipt.Id;
                state.Duplicate = receipt.Duplicate;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
            {
                state.UploadError = ex.Message;
            }

            onChange();
        });

        var ordered = paths.Distinct(StringComparer.Ordinal).Select(p => Files[p]).ToList();
        var lastMove = Clock.Elapsed;
        for (var round = 0; ordered.Any(f => f.Following); round++)
        {
            // Imports run about in the order they were sent. Each round asks for the oldest unfinished ones, and every
            // few rounds for all of them: a run of thousands of files does not ask about each of them four times a second.
            var waiting = ordered.Where(f => f.Following);
            var asked = (round % FullRoundEvery == 0 ? waiting : waiting.Take(PollWindow)).ToList();
            foreach (var chunk in asked.Chunk(1000))
            {
                try
                {
                    var states = (await gateway.GetManyAsync(chunk.Select(f => f.Id!).Distinct().ToList(), cancellationToken)).ToDictionary(p => p.ImportId);
                    foreach (var file in chunk)
                    {
                        var before = file.Progress;
                        file.Progress = states.GetValueOrDefault(file.Id!) ?? file.Progress;
                        if (file.Progress is { } now && (before is null || now.Moved(before)))
                        {
                            lastMove = Clock.Elapsed;
                        }
                    }
                }
                catch (HttpRequestException)
                {
                    // The gateway may be restarting or asking us to slow down; ask again on the next round.
                }
            }

            if (Clock.Elapsed - lastMove > stallTimeout)
            {
                foreach (var file in ordered.Where(f => f.Following))
                {
                    file.StalledFor = stallTimeout;
                }
            }

            onChange();
            await Task.Delay(pollInterval, cancellationToken);
        }

        Clock.Stop();
    }

    /// <summary>
    /// Files whose content the gateway already imported (their id is the SHA-256 of their bytes) are not sent again:
    /// they are reported as duplicates with their import. Returns the files still to upload.
    /// </summary>
    private async Task<IReadOnlyList<string>> SkipImportedAsync(IReadOnlyList<string> paths, Action onChange, CancellationToken cancellationToken)
    {
        var ids = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(paths, cancellationToken, async (path, ct) =>
        {
            try
            {
                await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
                ids[path] = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A missing or unreadable file is reported with its reason; the others go on.
                Files[path].UploadError = $"cannot read the file: {ex.Message}";
            }
        });

        var readable = paths.Where(ids.ContainsKey).ToList();

        var done = new Dictionary<string, ImportProgress>(StringComparer.Ordinal);
        try
        {
            foreach (var chunk in ids.Values.Distinct().Chunk(1000))
            {
                foreach (var progress in await gateway.GetManyAsync(chunk, cancellationToken))
                {
                    if (progress.Status == "Completed")
                    {
                        done[progress.ImportId] = progress;
                    }
                }
            }
        }
        catch (HttpRequestException)
        {
            return readable; // the uploads report what is wrong with the gateway
        }

        foreach (var (path, id) in ids)
        {
            if (done.TryGetValue(id, out var progress))
            {
                var state = Files[path];
                (state.Id, state.Duplicate, state.Progress) = (id, true, progress);
            }
        }

        onChange();
        return readable.Where(p => !done.ContainsKey(ids[p])).ToList();
    }
}

internal sealed class FileState(string path)
{
    public string Path { get; } = path;

    public string Name => System.IO.Path.GetFileName(Path);

    public string? Id { get; set; }

    public bool Duplicate { get; set; }

    public string? UploadError { get; set; }

    public ImportProgress? Progress { get; set; }

    /// <summary>Set when the run stopped following this import: no import of the run moved for this long.</summary>
    public TimeSpan? StalledFor { get; set; }

    /// <summary>Uploaded, not finished, still followed.</summary>
    public bool Following => Id is not null && Progress?.IsFinished != true && StalledFor is null;

    public bool Failed => UploadError is not null || Progress?.Status == "Failed" || StalledFor is not null;

    public string Stage => UploadError is not null ? "upload failed"
        : Id is null ? "uploading"
        : StalledFor is not null ? "stalled"
        : Progress?.Status ?? "queued";

    /// <summary>Why the run failed this file: the upload's error, the import's error, or how long it stood still.</summary>
    public string? Problem => UploadError
        ?? (StalledFor is { } stalled
            ? $"no progress for {stalled.TotalSeconds:N0} s while {Progress?.Status ?? "Queued"}{(Progress?.Error is { } error ? $" (last error: {error})" : "")}; no longer followed (GET /api/imports/{Id})"
            : Progress?.Error);
}
