using Gogobe.Ingest.Messages;
using Gogobe.Ingest.Tests.Infrastructure;

namespace Gogobe.Ingest.Tests;

public sealed class PriceChangeSubscriberTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SubscriberGetsEveryPriceChangeCommittedAfterItStartedAndNothingElse()
    {
        await using var scope = await IngestScope.CreateAsync(output);
        var events = scope.Events();
        await events.PublishAsync(Change("before"), CancellationToken.None);

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var changes = await scope.PriceChanges().SubscribeAsync(stop.Token);
        await events.PublishAsync(new StoreChanged("7290027600007", "001", "Shufersal Deal", "Herzl 1", "Tel Aviv", StoreChangeReason.New), CancellationToken.None);
        await events.PublishAsync(Change("first"), CancellationToken.None);
        await events.PublishAsync(Change("second"), CancellationToken.None);

        var received = new List<PricesChanged>();
        await foreach (var change in changes.WithCancellation(stop.Token))
        {
            received.Add(change);
            if (received.Count == 2)
            {
                break;
            }
        }

        Assert.Equal(["first", "second"], received.Select(c => c.ImportId));
        Assert.Equal(["7290027600007-001-1"], received[0].ProductKeys);
    }

    [Fact]
    public async Task RepublishingTheSameImportsChangeIsDroppedAsDuplicate()
    {
        await using var scope = await IngestScope.CreateAsync(output);
        var events = scope.Events();

        Assert.Equal(JetStream.PublishOutcome.Stored, await events.PublishAsync(Change("import-1"), CancellationToken.None));
        Assert.Equal(JetStream.PublishOutcome.Duplicate, await events.PublishAsync(Change("import-1"), CancellationToken.None));
    }

    private static PricesChanged Change(string importId) =>
        PricesChanged.Create("7290027600007", "001", importId, new DateTimeOffset(2026, 1, 1, 6, 0, 0, TimeSpan.FromHours(2)), 1, 0, ["7290027600007-001-1"]);
}
