using System.Diagnostics;
using Gogobe.Ingest.Tests.Infrastructure;
using Gogobe.Testing;

namespace Gogobe.Ingest.Tests;

/// <summary>A quick figure, not a benchmark: messages per second through one bridge with an import that does nothing.</summary>
[Trait("Category", "Throughput")]
public sealed class ThroughputTests(ITestOutputHelper output)
{
    private const int Messages = 10_000;

    [Theory]
    [InlineData(2)]
    [InlineData(32)]
    public async Task Ten_thousand_uploads_through_one_bridge(int maxConcurrentImports)
    {
        await using var scope = await IngestScope.CreateAsync(output, bridge =>
        {
            bridge.MaxConcurrentImports = maxConcurrentImports;
            bridge.FetchBatch = maxConcurrentImports;
        });
        var files = TestFiles.Many(scope.Run, Messages);
        var publisher = scope.Files();
        var publishClock = Stopwatch.StartNew();
        foreach (var batch in files.Chunk(200))
        {
            await Task.WhenAll(batch.Select(file => publisher.PublishAsync(file, DateTimeOffset.UtcNow, CancellationToken.None)));
        }

        publishClock.Stop();
        var handler = new RecordingHandler();
        var importClock = Stopwatch.StartNew();
        await scope.StartBridgeAsync(handler);
        await Eventually.TrueAsync(() => handler.TotalCompletions == Messages, TimeSpan.FromSeconds(60), () => $"{handler.TotalCompletions} of {Messages}");
        importClock.Stop();

        var line = $"throughput: published {Messages} in {publishClock.Elapsed.TotalSeconds:0.00} s ({Messages / publishClock.Elapsed.TotalSeconds:0} msg/s); " +
            $"bridge with MaxConcurrentImports={maxConcurrentImports} imported them in {importClock.Elapsed.TotalSeconds:0.00} s ({Messages / importClock.Elapsed.TotalSeconds:0} msg/s)";
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
