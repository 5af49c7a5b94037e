using Gogobe.Grains.Watches;
using Gogobe.Storage.Watches;

namespace Gogobe.Grains.Tests.Watches;

public sealed class OfferBookTests
{
    [Fact]
    public void A_book_keeps_its_offers_cheapest_first_ties_by_chain_then_store_as_stores_change_and_leave()
    {
        var book = new OfferBook([Offer("2", "1", 5m), Offer("1", "9", 5m), Offer("1", "3", 7m), Offer("1", "3", 1m)]);
        Assert.Equal(["1:9", "2:1", "1:3"], Stores(book));

        book.Set(Offer("1", "3", 4.5m));
        book.Set(Offer("1", "9", 6m));
        book.Set(Offer("3", "1", 5m));
        Assert.Equal(["1:3", "2:1", "3:1", "1:9"], Stores(book));

        book.Remove("2", "1");
        book.Remove("4", "4");
        Assert.Equal(["1:3", "3:1", "1:9"], Stores(book));
        Assert.True(book.TryGet("1", "9", out var offer));
        Assert.Equal(6m, offer!.Price);
        Assert.False(book.TryGet("2", "1", out _));
        Assert.Equal(3, book.Count);
    }

    [Fact]
    public void A_snapshot_of_a_book_sees_the_price_a_store_moved_to()
    {
        var book = new OfferBook([Offer("1", "1", 5m), Offer("1", "2", 6m)]);
        var anywhere = new WatchDefinition("7290000000001", [], [], null, null, null, WatchCondition.Below, 10m, "http://127.0.0.1/hook", null);

        book.Set(Offer("1", "1", 7m));
        Assert.Equal(("2", 6m), Cheapest(new ProductSnapshot(book, []), anywhere));
        Assert.Equal(("1", 7m), Cheapest(new ProductSnapshot(book, []), anywhere with { Stores = ["1:1"] }));
    }

    private static (string, decimal) Cheapest(ProductSnapshot snapshot, WatchDefinition watch) =>
        snapshot.Cheapest(watch) is { } offer ? (offer.StoreId, offer.Price) : default;

    private static string[] Stores(OfferBook book) => [.. book.InPriceOrder.Select(o => $"{o.ChainId}:{o.StoreId}")];

    private static WatchedOffer Offer(string chain, string store, decimal price) => new(chain, store, price, null, null);
}
