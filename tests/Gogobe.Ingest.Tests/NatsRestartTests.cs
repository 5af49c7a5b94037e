using Gogobe.Contracts.Events;
using Gogobe.Ingest.Bridge;
using Gogobe.Ingest.Messages;
using Gogobe.Ingest.Tests.Infrastructure;
using Gogobe.Testing;

namespace Gogobe.Ingest.Tests;

/// <summary>The broker restarts under traffic; needs the nats-server executable (it runs a private instance).</summary>
public sealed class NatsRestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task No_upload_is_lost_when_nats_restarts_mid_stream()
    {
        await using var server = await PrivateNatsServer.StartAsync();
        await using var scope = await IngestScope.CreateAsync(output, bridge => bridge.MaxConcurrentImports = 4, server.Url);
        var handler = new RecordingHandler(async (_, _, cancellationToken) =>
        {
            await Task.Delay(1, cancellationToken);
            return FileImportOutcome.Completed;
        });
        await scope.StartBridgeAsync(handler);

        var files = TestFiles.Many(scope.Run, 1000);
        var publisher = scope.Files();
        var published = 0;
        var publishing = Task.Run(async () =>
        {
            foreach (var file in files)
            {
                await publisher.PublishAsync(file, DateTimeOffset.UtcNow, CancellationToken.None);
                if (Interlocked.Increment(ref published) % 5 == 0)
                {
                    await Task.Delay(2);
                }
            }
        });

        await Eventually.TrueAsync(() => Volatile.Read(ref published) >= 300, TimeSpan.FromSeconds(30), () => $"{published} published");
        await server.StopAsync();
        output.WriteLine($"NATS stopped after {published} publishes, {handler.Completions.Count} imports");
        await Task.Delay(TimeSpan.FromSeconds(1));
        await server.StartAgainAsync();
        output.WriteLine("NATS started again");

        await publishing;
        await Eventually.TrueAsync(
            () => handler.Completions.Count == files.Count,
            TimeSpan.FromSeconds(60),
            () => $"{handler.Completions.Count} of {files.Count} imported");

        Assert.Equal(files.Select(f => f.ImportId).Order(), handler.Completions.Keys.Order());
        await Eventually.TrueAsync(() => scope.FilesStateAsync().Result.Messages == 0, TimeSpan.FromSeconds(10), () => "uploads left in the stream");
        Assert.Empty(await scope.DeadLettersAsync(1, TimeSpan.FromMilliseconds(500)));
        output.WriteLine($"imports run: {handler.Attempts.Values.Sum()} for {files.Count} files");
    }

    [Fact]
    public async Task Offer_change_subscriber_resumes_after_a_restart()
    {
        await using var server = await PrivateNatsServer.StartAsync();
        await using var scope = await IngestScope.CreateAsync(output, url: server.Url);
        var events = scope.Events();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var changes = await scope.OfferChanges().SubscribeAsync(stop.Token);
        var received = new List<OfferChange>();
        var reading = Task.Run(async () =>
        {
            await foreach (var change in changes.WithCancellation(stop.Token))
            {
                lock (received)
                {
                    received.Add(change);
                }
            }
        });

        for (var i = 0; i < 5; i++)
        {
            await events.PublishAsync(Change(i), CancellationToken.None);
        }

        await Eventually.TrueAsync(() => Count(received) == 5, TimeSpan.FromSeconds(10), () => $"{Count(received)} of 5 before the restart");
        await server.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await server.StartAgainAsync();
        for (var i = 5; i < 10; i++)
        {
            await events.PublishAsync(Change(i), CancellationToken.None);
        }

        await Eventually.TrueAsync(() => Count(received) == 10, TimeSpan.FromSeconds(30), () => $"{Count(received)} of 10 after the restart");
        await stop.CancelAsync();
        await reading;
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"store-{i}"), received.Select(c => c.StoreId));
    }

    private static PricesChanged Change(int i) =>
        PricesChanged.Create("7290027600007", $"store-{i}", $"import-{i}", DateTimeOffset.UtcNow, 1, 0, [$"barcode-{i}"]);

    private static int Count(List<OfferChange> received)
    {
        lock (received)
        {
            return received.Count;
        }
    }
}
