using Gogobe.Ingest.Bridge;
using Gogobe.Ingest.Tests.Infrastructure;
using Gogobe.Testing;

namespace Gogobe.Ingest.Tests;

/// <summary>Several silos' bridges on the one durable consumer: the work spreads, and a dead silo's messages move on.</summary>
public sealed class SharedConsumerTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Two_silos_share_the_queue_and_handle_each_message_exactly_once()
    {
        await using var scope = await IngestScope.CreateAsync(output);
        var siloA = new RecordingHandler(SlowImport);
        var siloB = new RecordingHandler(SlowImport);
        await scope.StartBridgeAsync(siloA, await scope.ConnectAsync("silo-a"));
        await scope.StartBridgeAsync(siloB, await scope.ConnectAsync("silo-b"));

        var files = TestFiles.Many(scope.Run, 200);
        await Task.WhenAll(files.Select(file => scope.Files().PublishAsync(file, DateTimeOffset.UtcNow, CancellationToken.None)));

        await Eventually.TrueAsync(
            () => siloA.TotalCompletions + siloB.TotalCompletions == 200,
            Wait,
            () => $"A handled {siloA.TotalCompletions}, B {siloB.TotalCompletions} of 200");
        await Task.Delay(scope.Bridge.AckWait + TimeSpan.FromSeconds(1));

        output.WriteLine($"silo A handled {siloA.TotalCompletions}, silo B {siloB.TotalCompletions}");
        Assert.Equal(200, siloA.TotalCompletions + siloB.TotalCompletions);
        Assert.True(siloA.TotalCompletions > 0 && siloB.TotalCompletions > 0, "both silos should take a share");
        var handled = siloA.Completions.Keys.Concat(siloB.Completions.Keys).ToList();
        Assert.Equal(200, handled.Distinct().Count());
        Assert.Equal(files.Select(f => f.ImportId).Order(), handled.Order());
        Assert.Empty(siloA.Completions.Keys.Intersect(siloB.Completions.Keys));
    }

    [Fact]
    public async Task Messages_of_a_killed_silo_are_redelivered_to_the_survivor()
    {
        await using var scope = await IngestScope.CreateAsync(output, bridge => bridge.AckWait = TimeSpan.FromSeconds(2));
        var doomedConnection = await scope.ConnectAsync("silo-doomed");
        var doomed = new RecordingHandler(async (_, _, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return FileImportOutcome.Completed;
        });
        var survivor = new RecordingHandler(SlowImport);
        var doomedBridge = await scope.StartBridgeAsync(doomed, doomedConnection);

        var files = TestFiles.Many(scope.Run, 50);
        await Task.WhenAll(files.Select(file => scope.Files().PublishAsync(file, DateTimeOffset.UtcNow, CancellationToken.None)));
        await Eventually.TrueAsync(() => doomed.Attempts.Count == scope.Bridge.MaxConcurrentImports, Wait, () => "the doomed silo took nothing");
        var heldByDoomed = doomed.Attempts.Keys.ToList();

        await scope.StartBridgeAsync(survivor, await scope.ConnectAsync("silo-survivor"));

        // The process dies: its connection drops first, so it can neither ack nor nak what it holds.
        await doomedConnection.DisposeAsync();
        await doomedBridge.StopAsync(CancellationToken.None);

        await Eventually.TrueAsync(() => survivor.Completions.Count == 50, Wait, () => $"survivor handled {survivor.Completions.Count} of 50");
        Assert.Empty(doomed.Completions);
        Assert.All(heldByDoomed, id => Assert.True(survivor.Completions.ContainsKey(id), $"{id} held by the dead silo was not redelivered"));
        Assert.Equal(files.Select(f => f.ImportId).Order(), survivor.Completions.Keys.Order());
        Assert.All(survivor.Completions.Values, n => Assert.Equal(1, n));
    }

    private static async Task<FileImportOutcome> SlowImport(Messages.FileUploaded file, int attempt, CancellationToken cancellationToken)
    {
        await Task.Delay(5, cancellationToken);
        return FileImportOutcome.Completed;
    }
}
