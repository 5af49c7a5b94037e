using System.Collections.Concurrent;
using System.Diagnostics;

namespace Gogobe.Cli.Importing;

/// <summary>Uploads files a few at a time and follows their imports to the end.</summary>
internal sealed class ImportRun(GatewayImports gateway, int parallelUploads)
{
    public ConcurrentDictionary<string, FileState> Files { get; } = new(StringComparer.Ordinal);

    public Stopwatch Clock { get; } = new();

    public async Task RunAsync(IReadOnlyList<string> paths, Action onChange, CancellationToken cancellationToken)
    {
        foreach (var path in paths)
        {
            Files[path] = new FileState(path);
        }

        Clock.Start();
        await Parallel.ForEachAsync(paths, new ParallelOptions { MaxDegreeOfParallelism = parallelUploads, CancellationToken = cancellationToken }, async (path, ct) =>
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

        while (Files.Values.Any(f => f.Id is not null && f.Progress?.IsFinished != true))
        {
            var waiting = Files.Values.Where(f => f.Id is not null && f.Progress?.IsFinished != true).ToList();
            foreach (var chunk in waiting.Chunk(1000))
            {
                try
                {
                    var states = (await gateway.GetManyAsync(chunk.Select(f => f.Id!).Distinct().ToList(), cancellationToken)).ToDictionary(p => p.ImportId);
                    foreach (var file in chunk)
                    {
                        file.Progress = states.GetValueOrDefault(file.Id!) ?? file.Progress;
                    }
                }
                catch (HttpRequestException)
                {
                    // The gateway may be restarting or asking us to slow down; ask again on the next round.
                }
            }

            onChange();
            await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken);
        }

        Clock.Stop();
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

    public bool Failed => UploadError is not null || Progress?.Status == "Failed";

    public string Stage => UploadError is not null ? "upload failed"
        : Id is null ? "uploading"
        : Progress?.Status ?? "queued";
}
