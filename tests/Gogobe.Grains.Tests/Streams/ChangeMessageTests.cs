using System.Text;
using Gogobe.Contracts.Events;
using Gogobe.Ingest.Messages;
using Gogobe.Silo.Streams;

namespace Gogobe.Grains.Tests.Streams;

/// <summary>How a broker message becomes the events of the products' streams.</summary>
public sealed class ChangeMessageTests
{
    private static readonly IngestSubjects Subjects = IngestSubjects.Default;

    [Fact]
    public void A_price_change_gives_one_event_per_distinct_product_with_a_stable_id()
    {
        var prices = new PricesChanged("7290027600007", "001", "import-1", DateTimeOffset.UnixEpoch, 2, 1, ["k1", "k2", "k1", ""], false);

        Assert.True(ChangeMessage.TryDecode(Subjects.PricesChanged, MessageCodec.Encode(prices), Subjects, out var message, out _));
        var events = message.Events(message.ProductKeys).ToList();

        Assert.Equal(["k1", "k2"], events.Select(e => e.ProductKey));
        Assert.Equal(OfferChanged.IdOf(OfferChangeKind.Prices, "import-1", "7290027600007", "001", "k1"), events[0].EventId);
        Assert.All(events, e => Assert.Equal(OfferChangeKind.Prices, e.Kind));
        var taken = DateTimeOffset.UnixEpoch.AddDays(1);
        var takenEvents = message.Events(message.ProductKeys, taken).ToList();
        Assert.Equal(events.Select(e => e.EventId), takenEvents.Select(e => e.EventId));
        Assert.All(takenEvents, e => Assert.Equal(taken, e.TakenAt));
    }

    [Fact]
    public void A_truncated_promotion_change_names_no_product_and_takes_the_stores_own()
    {
        var promotions = new PromotionsChanged("7290027600007", "001", "import-2", DateTimeOffset.UnixEpoch, 6000, 0, [], true);

        Assert.True(ChangeMessage.TryDecode(Subjects.PromotionsChanged, MessageCodec.Encode(promotions), Subjects, out var message, out _));

        Assert.True(message.Truncated);
        Assert.Empty(message.Events(message.ProductKeys));
        Assert.Equal(["s1", "s2"], message.Events(["s1", "s2"]).Select(e => e.ProductKey));
        Assert.All(message.Events(["s1"]), e => Assert.Equal(OfferChangeKind.Promotions, e.Kind));
    }

    [Fact]
    public void A_store_change_is_not_carried_and_an_unreadable_change_names_its_problem()
    {
        Assert.False(ChangeMessage.TryDecode(Subjects.StoresChanged, Encoding.UTF8.GetBytes("{}"), Subjects, out _, out var none));
        Assert.Null(none);

        Assert.False(ChangeMessage.TryDecode(Subjects.PricesChanged, Encoding.UTF8.GetBytes("{\"v\":2}"), Subjects, out _, out var version));
        Assert.Contains("version 2", version, StringComparison.Ordinal);

        var anonymous = new PricesChanged("", "001", "import-3", DateTimeOffset.UnixEpoch, 1, 0, ["k"], false);
        Assert.False(ChangeMessage.TryDecode(Subjects.PricesChanged, MessageCodec.Encode(anonymous), Subjects, out _, out var missing));
        Assert.Contains("chainId", missing, StringComparison.Ordinal);
    }
}
