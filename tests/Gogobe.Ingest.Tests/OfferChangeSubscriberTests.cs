using Gogobe.Contracts.Events;
using Gogobe.Ingest.JetStream;
using Gogobe.Ingest.Messages;
using Gogobe.Ingest.Tests.Infrastructure;
using NATS.Client.JetStream.Models;

namespace Gogobe.Ingest.Tests;

public sealed class OfferChangeSubscriberTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset FileAt = new(2026, 1, 1, 6, 0, 0, TimeSpan.FromHours(2));

    [Fact]
    public async Task Subscriber_gets_every_price_change_committed_after_it_started_and_nothing_else()
    {
        await using var scope = await IngestScope.CreateAsync(output);
        var events = scope.Events();
        await events.PublishAsync(Change("before"), CancellationToken.None);

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var changes = await scope.OfferChanges().SubscribeAsync(stop.Token);
        await events.PublishAsync(new StoreChanged("7290027600007", "001", "Shufersal Deal", "Herzl 1", "Tel Aviv", StoreChangeReason.New), CancellationToken.None);
        await events.PublishAsync(Change("first"), CancellationToken.None);
        await events.PublishAsync(Change("second"), CancellationToken.None);

        var received = await TakeAsync(changes, 2, stop.Token);

        Assert.Equal(["first", "second"], received.Select(c => c.ImportId));
        Assert.All(received, c => Assert.Equal(OfferChangeKind.Prices, c.Kind));
        Assert.Equal(["7290027600007-001-1"], received[0].ProductKeys);
    }

    [Fact]
    public async Task Subscriber_gets_promotion_changes_in_stream_order_with_the_price_changes()
    {
        await using var scope = await IngestScope.CreateAsync(output);
        var events = scope.Events();
        await events.PublishAsync(PromotionChange("before", ["7290000000999"], truncated: false), CancellationToken.None);

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var changes = await scope.OfferChanges().SubscribeAsync(stop.Token);
        await events.PublishAsync(PromotionChange("promo-1", ["7290000000012", "7290000000029"], truncated: false), CancellationToken.None);
        await events.PublishAsync(new StoreChanged("7290027600007", "002", "Shufersal Sheli", null, null, StoreChangeReason.Address), CancellationToken.None);
        await events.PublishAsync(Change("prices-1"), CancellationToken.None);
        await events.PublishAsync(PromotionChange("promo-2", ["7290000000036"], truncated: true), CancellationToken.None);

        var received = await TakeAsync(changes, 3, stop.Token);

        Assert.Equal(
            [
                new OfferChange(OfferChangeKind.Promotions, "7290027600007", "001", "promo-1", received[0].ProductKeys, false),
                new OfferChange(OfferChangeKind.Prices, "7290027600007", "001", "prices-1", received[1].ProductKeys, false),
                new OfferChange(OfferChangeKind.Promotions, "7290027600007", "001", "promo-2", received[2].ProductKeys, true),
            ],
            received);
        Assert.Equal(["7290000000012", "7290000000029"], received[0].ProductKeys);
        Assert.Equal(["7290000000036"], received[2].ProductKeys);
    }

    [Fact]
    public async Task Republishing_the_same_imports_change_is_dropped_as_duplicate()
    {
        await using var scope = await IngestScope.CreateAsync(output);
        var events = scope.Events();

        Assert.Equal(PublishOutcome.Stored, await events.PublishAsync(Change("import-1"), CancellationToken.None));
        Assert.Equal(PublishOutcome.Duplicate, await events.PublishAsync(Change("import-1"), CancellationToken.None));
        Assert.Equal(PublishOutcome.Stored, await events.PublishAsync(PromotionChange("import-1", ["k"], false), CancellationToken.None));
        Assert.Equal(PublishOutcome.Duplicate, await events.PublishAsync(PromotionChange("import-1", ["k"], false), CancellationToken.None));
    }

    [Fact]
    public async Task An_events_stream_created_before_promotion_changes_gets_their_subject_on_start()
    {
        await using var scope = await IngestScope.CreateAsync(output);
        var subjects = scope.Streams.Subjects;
        await scope.Js.DeleteStreamAsync(scope.Streams.EventsStream);
        await scope.Js.CreateStreamAsync(new StreamConfig(scope.Streams.EventsStream, [subjects.PricesChanged, subjects.StoresChanged])
        {
            Retention = StreamConfigRetention.Limits,
            Storage = StreamConfigStorage.File,
            MaxAge = scope.Streams.EventsMaxAge,
        });
        await scope.Events().PublishAsync(Change("old"), CancellationToken.None);

        await scope.Topology().EnsureAsync(CancellationToken.None);

        var stream = await scope.Js.GetStreamAsync(scope.Streams.EventsStream);
        Assert.Equal([subjects.PricesChanged, subjects.PromotionsChanged, subjects.StoresChanged], stream.Info.Config.Subjects);
        Assert.Equal(1L, stream.Info.State.Messages);
        Assert.Equal(PublishOutcome.Stored, await scope.Events().PublishAsync(PromotionChange("new", ["k"], false), CancellationToken.None));
    }

    private static PricesChanged Change(string importId) =>
        PricesChanged.Create("7290027600007", "001", importId, FileAt, 1, 0, ["7290027600007-001-1"]);

    private static PromotionsChanged PromotionChange(string importId, string[] keys, bool truncated) =>
        new("7290027600007", "001", importId, FileAt, keys.Length, 0, keys, truncated);

    private static async Task<List<OfferChange>> TakeAsync(IAsyncEnumerable<OfferChange> changes, int count, CancellationToken cancellationToken)
    {
        var received = new List<OfferChange>();
        await foreach (var change in changes.WithCancellation(cancellationToken))
        {
            received.Add(change);
            if (received.Count == count)
            {
                break;
            }
        }

        return received;
    }
}
