using Gogobe.Feeds;
using Gogobe.Feeds.Model;

namespace Gogobe.Cluster.Tests.Imports;

/// <summary>
/// What a price file says, read straight from the file: the store and each product's price and unit price. A product
/// listed twice takes the row updated last (the later row on a tie).
/// </summary>
public sealed record ExpectedPrices(FeedHeader Header, IReadOnlyDictionary<string, decimal> Prices, IReadOnlyDictionary<string, decimal?> UnitPrices)
{
    public static ExpectedPrices Read(string path)
    {
        using var file = FeedFile.Open(path);
        var rows = new Dictionary<string, PriceItem>(StringComparer.Ordinal);
        foreach (var item in file.ReadRecords().OfType<PriceItem>())
        {
            if (!rows.TryGetValue(item.Key.Value, out var seen) || (item.PriceUpdatedAt ?? DateTimeOffset.MinValue) >= (seen.PriceUpdatedAt ?? DateTimeOffset.MinValue))
            {
                rows[item.Key.Value] = item;
            }
        }

        var prices = rows.ToDictionary(r => r.Key, r => r.Value.Price, StringComparer.Ordinal);
        var unitPrices = rows.ToDictionary(r => r.Key, r => r.Value.UnitPrice, StringComparer.Ordinal);

        Assert.True(file.Result.Ok, file.Result.Error);
        return new ExpectedPrices(file.Result.Header!, prices, unitPrices);
    }
}
