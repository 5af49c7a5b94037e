using System.Text;
using Gogobe.Ingest.Files;
using Gogobe.Ingest.JetStream;
using Gogobe.Ingest.Tests.Infrastructure;
using Gogobe.Testing;

namespace Gogobe.Ingest.Tests;

public sealed class FilePublisherTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Same_file_published_twice_and_concurrently_is_delivered_once()
    {
        await using var scope = await IngestScope.CreateAsync(output);
        var root = Path.Combine(Path.GetTempPath(), $"gogobe-files-{scope.Run}");
        try
        {
            var store = new FileStore(root);
            var content = Encoding.UTF8.GetBytes($"<Root><ChainId>7290027600007</ChainId><Run>{scope.Run}</Run></Root>");
            var first = await store.SaveAsync(new MemoryStream(content), "PriceFull7290027600007-001-202601010000.xml", CancellationToken.None);
            var again = await store.SaveAsync(new MemoryStream(content), "PriceFull7290027600007-001-202601010000.xml", CancellationToken.None);
            Assert.Equal(first, again);

            var publisher = scope.Files();
            var outcomes = new List<PublishOutcome> { await publisher.PublishAsync(first, DateTimeOffset.UtcNow, CancellationToken.None) };
            outcomes.Add(await publisher.PublishAsync(again, DateTimeOffset.UtcNow, CancellationToken.None));
            outcomes.AddRange(await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => publisher.PublishAsync(first, DateTimeOffset.UtcNow, CancellationToken.None))));

            Assert.Equal(PublishOutcome.Stored, outcomes[0]);
            Assert.Equal(11, outcomes.Count(o => o == PublishOutcome.Duplicate));
            Assert.Equal(1, (await scope.FilesStateAsync()).Messages);

            var handler = new RecordingHandler();
            await scope.StartBridgeAsync(handler);
            await Eventually.TrueAsync(() => handler.TotalCompletions == 1, TimeSpan.FromSeconds(10), () => "not imported");
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.Equal(1, handler.TotalCompletions);
            Assert.Equal(first.StoragePath, handler.Completions.Keys.Single() == first.ImportId ? first.StoragePath : null);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Publish_without_a_stream_fails_loudly_after_the_timeout()
    {
        await using var scope = await IngestScope.CreateAsync(output);
        scope.Streams.PublishTimeout = TimeSpan.FromSeconds(1);
        scope.Streams.SubjectPrefix = $"nostream.{scope.Run}";

        var error = await Assert.ThrowsAsync<IngestPublishException>(
            () => scope.Files().PublishAsync(TestFiles.Make(scope.Run, 1), DateTimeOffset.UtcNow, CancellationToken.None));

        output.WriteLine(error.Message);
        Assert.Contains("did not confirm", error.Message);
        Assert.Contains("publishing again is safe", error.Message);
    }
}
