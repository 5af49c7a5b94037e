using Gogobe.Feeds.Model;

namespace Gogobe.Testing;

/// <summary>
/// What a price file says, read straight from the file: the store and each product's price and unit price. A product
/// listed twice takes the row updated last (the later row on a tie).
/// </summary>
public sealed record ExpectedPrices(FeedHeader Header, IReadOnlyDictionary<string, decimal> Prices, IReadOnlyDictionary<string, decimal?> UnitPrices)
{
    public static ExpectedPrices Read(string path)
    {
        var rows = SharedFeeds.Prices(path);
        return new ExpectedPrices(
            SharedFeeds.Read(path).Header,
            rows.ToDictionary(r => r.Key, r => r.Value.Price, StringComparer.Ordinal),
            rows.ToDictionary(r => r.Key, r => r.Value.UnitPrice, StringComparer.Ordinal));
    }
}
