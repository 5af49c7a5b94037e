using System.Diagnostics.Metrics;
using System.Text;
using Gogobe.Ingest.Bridge;
using Gogobe.Ingest.Messages;
using Gogobe.Ingest.Tests.Infrastructure;
using Gogobe.Testing;

namespace Gogobe.Ingest.Tests;

/// <summary>The import bridge on one silo against the real NATS server: ack, retry, dead letters.</summary>
public sealed class BridgeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Completed_import_is_acked_and_not_redelivered()
    {
        await using var scope = await IngestScope.CreateAsync(output);
        var handler = new RecordingHandler();
        await scope.StartBridgeAsync(handler);

        foreach (var file in TestFiles.Many(scope.Run, 5))
        {
            await scope.Files().PublishAsync(file, DateTimeOffset.UtcNow, CancellationToken.None);
        }

        await Eventually.TrueAsync(() => handler.TotalCompletions == 5, Wait, () => $"{handler.TotalCompletions} of 5 imported");
        await Task.Delay(scope.Bridge.AckWait + TimeSpan.FromSeconds(1));

        Assert.All(handler.Attempts.Values, attempts => Assert.Equal(1, attempts));
        var importers = await scope.ImportersAsync();
        Assert.Equal(0, importers.NumAckPending);
        Assert.Equal(0, importers.NumRedelivered);
        Assert.Equal(0, (await scope.FilesStateAsync()).Messages);
    }

    [Fact]
    public async Task Failing_twice_then_succeeding_is_delivered_three_times_and_acked_once()
    {
        await using var scope = await IngestScope.CreateAsync(output, bridge => bridge.MaxDeliveries = 5);
        var handler = new RecordingHandler((_, attempt, _) =>
            attempt <= 2 ? throw new InvalidOperationException($"database unavailable (attempt {attempt})") : Task.FromResult(FileImportOutcome.Completed));
        await scope.StartBridgeAsync(handler);

        var file = TestFiles.Make(scope.Run, 1);
        await scope.Files().PublishAsync(file, DateTimeOffset.UtcNow, CancellationToken.None);

        await Eventually.TrueAsync(() => handler.TotalCompletions == 1, Wait, () => $"attempts so far: {handler.Attempts.GetValueOrDefault(file.ImportId)}");
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(3, handler.Attempts[file.ImportId]);
        Assert.Equal(0, (await scope.ImportersAsync()).NumAckPending);
        Assert.Equal(0, (await scope.FilesStateAsync()).Messages);
        Assert.Empty(await scope.DeadLettersAsync(1, TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task A_redelivered_upload_of_a_file_imported_before_adds_no_rows_to_the_metrics()
    {
        await using var scope = await IngestScope.CreateAsync(output);
        long rows = 0, files = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listening) =>
            {
                if (instrument.Meter.Scope == scope.MeterFactory && instrument.Name is "gogobe.ingest.rows" or "gogobe.ingest.files.completed")
                {
                    listening.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            Interlocked.Add(ref instrument.Name == "gogobe.ingest.rows" ? ref rows : ref files, value));
        listener.Start();

        // The first delivery imports 100 rows; the second finds the import ended before, as the import grain says.
        var handler = new RecordingHandler((_, attempt, _) =>
            Task.FromResult(attempt == 1 ? FileImportOutcome.CompletedWith(100, 40, 2) : FileImportOutcome.AlreadyImported));
        await scope.StartBridgeAsync(handler);
        var file = TestFiles.Make(scope.Run, 1);
        var at = DateTimeOffset.UtcNow;
        await scope.Files().PublishAsync(file, at, CancellationToken.None);
        await scope.Files().PublishAsync(file, at.AddSeconds(1), CancellationToken.None, resubmission: true);

        await Eventually.TrueAsync(() => handler.TotalCompletions == 2, Wait, () => $"{handler.TotalCompletions} of 2 deliveries handled");
        await Eventually.TrueAsync(async () => (await scope.ImportersAsync()).NumAckPending == 0, Wait, () => "a delivery is still unacknowledged");

        Assert.Equal((142L, 1L), (Interlocked.Read(ref rows), Interlocked.Read(ref files)));
    }

    [Fact]
    public async Task Always_failing_import_is_dead_lettered_after_max_deliveries_while_others_flow()
    {
        await using var scope = await IngestScope.CreateAsync(output, bridge => bridge.MaxDeliveries = 3);
        var files = TestFiles.Many(scope.Run, 6);
        var poison = files[0];
        var handler = new RecordingHandler((file, _, _) =>
            file.ImportId == poison.ImportId ? throw new InvalidOperationException("grain exploded") : Task.FromResult(FileImportOutcome.Completed));
        await scope.StartBridgeAsync(handler);

        foreach (var file in files)
        {
            await scope.Files().PublishAsync(file, DateTimeOffset.UtcNow, CancellationToken.None);
        }

        var letters = await scope.DeadLettersAsync(1, Wait);
        await Eventually.TrueAsync(() => handler.TotalCompletions == 5, Wait, () => $"{handler.TotalCompletions} of 5 good files imported");

        var letter = Assert.Single(letters);
        Assert.Equal(3, handler.Attempts[poison.ImportId]);
        Assert.Contains("grain exploded", letter.Header(DeadLetterHeaders.Reason));
        Assert.Equal("3", letter.Header(DeadLetterHeaders.Deliveries));
        Assert.Equal(scope.Streams.Subjects.FilesUploaded, letter.Header(DeadLetterHeaders.OriginalSubject));
        Assert.True(MessageCodec.TryDecode(letter.Data, out FileUploaded? original, out _));
        Assert.Equal(poison.ImportId, original.ImportId);

        // The poison message is terminated just after its dead letter is published, so the broker may still count it.
        await Eventually.TrueAsync(async () => (await scope.ImportersAsync()).NumAckPending == 0, Wait, () => "the poison message is still pending acknowledgement");

        // The import is ended (recorded as failed) with the dead letter's reason; the good ones are not.
        var givenUp = Assert.Single(handler.GivenUp);
        Assert.Equal((poison.ImportId, letter.Header(DeadLetterHeaders.Reason)), (givenUp.Key, givenUp.Value));
    }

    [Fact]
    public async Task An_import_that_asks_for_retries_is_retried_then_given_up_with_its_last_error()
    {
        await using var scope = await IngestScope.CreateAsync(output, bridge => bridge.MaxDeliveries = 2);
        var handler = new RecordingHandler((_, attempt, _) => Task.FromResult(FileImportOutcome.Retry($"database down (attempt {attempt})")));
        await scope.StartBridgeAsync(handler);

        var file = TestFiles.Make(scope.Run, 1);
        await scope.Files().PublishAsync(file, DateTimeOffset.UtcNow, CancellationToken.None);

        var letter = Assert.Single(await scope.DeadLettersAsync(1, Wait));
        Assert.Equal(2, handler.Attempts[file.ImportId]);
        Assert.Contains("database down (attempt 2)", letter.Header(DeadLetterHeaders.Reason));
        Assert.Equal(letter.Header(DeadLetterHeaders.Reason), handler.GivenUp[file.ImportId]);
    }

    [Fact]
    public async Task Undecodable_messages_are_dead_lettered_at_once_without_blocking_the_queue()
    {
        await using var scope = await IngestScope.CreateAsync(output, bridge => bridge.MaxConcurrentImports = 1);
        var handler = new RecordingHandler();
        await scope.StartBridgeAsync(handler);

        var subject = scope.Streams.Subjects.FilesUploaded;
        await scope.Js.PublishAsync(subject, Encoding.UTF8.GetBytes("not json at all"));
        await scope.Js.PublishAsync(subject, Encoding.UTF8.GetBytes("""{"v":2,"importId":"abc","somethingNew":true}"""));
        await scope.Js.PublishAsync(subject, Encoding.UTF8.GetBytes("""{"v":1,"importId":"../x","fileName":"a.xml","storagePath":"aa/a.xml","size":1,"submittedAt":"2026-01-01T00:00:00+00:00"}"""));
        foreach (var file in TestFiles.Many(scope.Run, 3))
        {
            await scope.Files().PublishAsync(file, DateTimeOffset.UtcNow, CancellationToken.None);
        }

        var letters = await scope.DeadLettersAsync(3, Wait);
        await Eventually.TrueAsync(() => handler.TotalCompletions == 3, Wait, () => $"{handler.TotalCompletions} of 3 imported");

        Assert.Equal(3, letters.Count);
        Assert.Equal("not json at all", Encoding.UTF8.GetString(letters[0].Data));
        Assert.Contains("undecodable", letters[0].Header(DeadLetterHeaders.Reason));
        Assert.Contains("version 2 is not supported", letters[1].Header(DeadLetterHeaders.Reason));
        Assert.Contains("is not a SHA-256", letters[2].Header(DeadLetterHeaders.Reason));
        Assert.DoesNotContain("../x", handler.Attempts.Keys);
        Assert.All(letters, l => Assert.Equal("1", l.Header(DeadLetterHeaders.Deliveries)));
    }

    [Fact]
    public async Task Rejected_file_is_acknowledged_not_dead_lettered()
    {
        await using var scope = await IngestScope.CreateAsync(output);
        var handler = new RecordingHandler((_, _, _) => Task.FromResult(FileImportOutcome.Rejected("not a price file")));
        await scope.StartBridgeAsync(handler);

        await scope.Files().PublishAsync(TestFiles.Make(scope.Run, 1), DateTimeOffset.UtcNow, CancellationToken.None);

        await Eventually.TrueAsync(() => handler.TotalCompletions == 1, Wait, () => "not handled");
        await Eventually.TrueAsync(() => scope.FilesStateAsync().Result.Messages == 0, Wait, () => "still queued");
        Assert.Empty(await scope.DeadLettersAsync(1, TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task Import_longer_than_ack_wait_is_kept_alive_by_progress()
    {
        // Three ack waits long; progress goes every third of the wait, so a loaded machine has room for stalls.
        await using var scope = await IngestScope.CreateAsync(output, bridge => bridge.AckWait = TimeSpan.FromSeconds(3));
        var handler = new RecordingHandler(async (_, _, cancellationToken) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(9), cancellationToken);
            return FileImportOutcome.Completed;
        });
        await scope.StartBridgeAsync(handler);

        var file = TestFiles.Make(scope.Run, 1);
        await scope.Files().PublishAsync(file, DateTimeOffset.UtcNow, CancellationToken.None);

        await Eventually.TrueAsync(() => handler.TotalCompletions == 1, Wait, () => "not handled");
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        Assert.Equal(1, handler.Attempts[file.ImportId]);
        Assert.Equal(0, (await scope.ImportersAsync()).NumRedelivered);
    }
}
