using Gogobe.Storage.Imports;
using Gogobe.Testing;

namespace Gogobe.Storage.Tests;

public sealed class ImportLogTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Submitted = new(2026, 3, 1, 6, 0, 0, TimeSpan.Zero);
    private readonly ImportLog log = new(database.DataSource);

    private static ImportOutcome Outcome(int changed) =>
        new("PriceFull", "7290027600007", "001", Submitted.AddHours(-2), 1200, changed, 3,
            new Dictionary<string, int> { ["EmptyPrice"] = 2, ["MissingItemCode"] = 1 }, 40, 15);

    [Fact]
    public async Task Runs_fails_retries_and_completes_once()
    {
        var queued = await log.QueueAsync("sha-1", "PriceFull7290027600007-001-202603010400.gz", 1234, Submitted);
        var first = await log.TryBeginAsync("sha-1", "PriceFull7290027600007-001-202603010400.gz", 1234, Submitted, "silo-a");
        var failed = await log.FailAsync("sha-1", "connection reset", Outcome(0) with { RowsRead = 10, ApplyMilliseconds = null });
        var afterFailure = await log.GetAsync("sha-1");
        var retry = await log.TryBeginAsync("sha-1", "PriceFull7290027600007-001-202603010400.gz", 1234, Submitted, "silo-b");
        var completed = await log.CompleteAsync("sha-1", Outcome(50));
        var again = await log.TryBeginAsync("sha-1", "PriceFull7290027600007-001-202603010400.gz", 1234, Submitted, "silo-c");
        var failAfterDone = await log.FailAsync("sha-1", "late failure");
        var final = await log.GetAsync("sha-1");

        Assert.True(queued);
        Assert.True(first.Started);
        Assert.Equal((ImportLogStatus.Running, 1, "silo-a"), (first.Entry.Status, first.Entry.Attempts, first.Entry.Silo));
        Assert.True(failed);
        Assert.Equal((ImportLogStatus.Failed, "connection reset", 10), (afterFailure!.Status, afterFailure.Error, afterFailure.RowsRead));
        Assert.True(retry.Started);
        Assert.Equal((ImportLogStatus.Running, 2, "silo-b", (string?)null), (retry.Entry.Status, retry.Entry.Attempts, retry.Entry.Silo, retry.Entry.Error));
        Assert.True(completed);
        Assert.False(again.Started);
        Assert.False(failAfterDone);
        Assert.Equal(final, again.Entry with { Rejections = final!.Rejections });
        Assert.Equal(ImportLogStatus.Completed, final!.Status);
        Assert.Equal(2, final.Attempts);
        Assert.Equal(("PriceFull", "7290027600007", "001", Submitted.AddHours(-2)), (final.Kind, final.ChainId, final.StoreId, final.FileAt));
        Assert.Equal((1200, 50, 3, 40, 15), (final.RowsRead, final.RowsChanged, final.RowsRejected, final.ParseMilliseconds!.Value, final.ApplyMilliseconds!.Value));
        Assert.Equal(new Dictionary<string, int> { ["EmptyPrice"] = 2, ["MissingItemCode"] = 1 }, final.Rejections);
        Assert.Equal(Submitted, final.SubmittedAt);
        Assert.NotNull(final.FinishedAt);
        Assert.Null(final.Error);
    }

    [Fact]
    public async Task Queueing_a_known_import_does_nothing_and_unknown_imports_are_null()
    {
        await log.TryBeginAsync("sha-q", "Stores7290027600007-202603010400.xml", 10, Submitted, "silo-a");

        Assert.False(await log.QueueAsync("sha-q", "Stores7290027600007-202603010400.xml", 10, Submitted));
        Assert.Equal(ImportLogStatus.Running, (await log.GetAsync("sha-q"))!.Status);
        Assert.Null(await log.GetAsync("sha-unknown"));
        Assert.False(await log.CompleteAsync("sha-unknown", Outcome(1)));
    }

    [Fact]
    public async Task Lists_the_newest_imports_first()
    {
        for (var i = 0; i < 5; i++)
        {
            await log.QueueAsync($"sha-list-{i}", $"Price-{i}.gz", i, Submitted.AddYears(1).AddMinutes(i));
        }

        var recent = await log.ListRecentAsync(3);

        Assert.Equal(["sha-list-4", "sha-list-3", "sha-list-2"], recent.Select(e => e.ImportId));
        Assert.All(recent, e => Assert.Equal(ImportLogStatus.Queued, e.Status));
        Assert.All(recent, e => Assert.Empty(e.Rejections));
    }
}
