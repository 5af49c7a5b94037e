using System.Globalization;
using Gogobe.Feeds.Model;
using Gogobe.Feeds.Naming;

namespace Gogobe.Feeds.Tests;

public sealed class FileNameTests
{
    [Theory]
    [InlineData("PriceFull7290058140886-006-202508130010.gz", FeedKind.PriceFull, "7290058140886", null, "6", "2025-08-12T21:10:00Z")]
    [InlineData("PriceFull7290055700007-0037-202211020510", FeedKind.PriceFull, "7290055700007", null, "37", "2022-11-02T03:10:00Z")]
    [InlineData("Stores7290058140886-202211012005.xml", FeedKind.Stores, "7290058140886", null, null, "2022-11-01T18:05:00Z")]
    [InlineData("Stores7290027600007-000-202211020201", FeedKind.Stores, "7290027600007", null, null, "2022-11-02T00:01:00Z")]
    [InlineData("PriceFull7290875100001-002-202211020354-001.xml", FeedKind.PriceFull, "7290875100001", null, "2", "2022-11-02T01:54:00Z")]
    [InlineData("Stores7290058140886-000-20250821-050500", FeedKind.Stores, "7290058140886", null, null, "2025-08-21T02:05:00Z")]
    [InlineData("Stores7290058140886-000-20250821-050500-RamiLevi.xml", FeedKind.Stores, "7290058140886", null, null, "2025-08-21T02:05:00Z")]
    [InlineData("PriceFull7290492000005-004-715-20260903-003304", FeedKind.PriceFull, "7290492000005", "004", "715", "2026-09-02T21:33:04Z")]
    [InlineData("PromoFull7290058249350-000-038-20260217-000027", FeedKind.PromoFull, "7290058249350", "000", "38", "2026-02-16T22:00:27Z")]
    [InlineData("storesfull7290058140886-000-202211020606", FeedKind.Stores, "7290058140886", null, null, "2022-11-02T04:06:00Z")]
    [InlineData("StoresFull7290172900007--202211020200", FeedKind.Stores, "7290172900007", null, null, "2022-11-02T00:00:00Z")]
    [InlineData("Stores0000072906390-202211021530.xml", FeedKind.Stores, "0000072906390", null, null, "2022-11-02T13:30:00Z")]
    [InlineData("NULLPrice7290103152017-010-202508071100.gz", FeedKind.Price, "7290103152017", null, "10", "2025-08-07T08:00:00Z")]
    [InlineData("NULLPromo7290700100008-001-202411021400.xml", FeedKind.Promo, "7290700100008", null, "1", "2024-11-02T12:00:00Z")]
    [InlineData("Price7290725900003-9032-202410021600", FeedKind.Price, "7290725900003", null, "9032", "2024-10-02T13:00:00Z")]
    [InlineData("StoresFull7290700100008-000-000-20250821-002217.gz", FeedKind.Stores, "7290700100008", "000", null, "2025-08-20T21:22:17Z")]
    [InlineData("Promo7290103152017-022-202508071020.gz", FeedKind.Promo, "7290103152017", null, "22", "2025-08-07T07:20:00Z")]
    [InlineData("PriceFull7290027600007-001-2024-05-01_10-30.xml", FeedKind.PriceFull, "7290027600007", null, "1", "2024-05-01T07:30:00Z")]
    [InlineData("Promo7290103152017-022-2025.08.07 10.20.gz", FeedKind.Promo, "7290103152017", null, "22", "2025-08-07T07:20:00Z")]
    [InlineData("PriceFull7290058140886-006-20250813-RamiLevi.gz", FeedKind.PriceFull, "7290058140886", null, "6", "2025-08-12T21:00:00Z")]
    public void Published_names_are_understood(string name, FeedKind kind, string chain, string? sub, string? store, string timestamp)
    {
        var parsed = FeedFileName.Parse(name);
        Assert.True(parsed.IsStandard);
        Assert.Equal(kind, parsed.Kind);
        Assert.Equal(chain, parsed.ChainId);
        Assert.Equal(sub, parsed.SubChainId);
        Assert.Equal(store, parsed.StoreId);
        Assert.Equal(DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture), parsed.Timestamp);
    }

    [Theory]
    [InlineData("7290661400001-077__pricesFull_729066140000.gz", FeedKind.PriceFull, "7290661400001", null)]
    [InlineData("goodpharm_promofull.xml", FeedKind.PromoFull, null, null)]
    [InlineData("shufersal_stores.xml", FeedKind.Stores, null, null)]
    [InlineData("export.xml", null, null, null)]
    [InlineData("download (3).gz", null, null, null)]
    [InlineData("rami levy 7290058140886 pricefull 2025-08-13 00-10.gz", FeedKind.PriceFull, "7290058140886", "2025-08-12T21:10:00Z")]
    [InlineData("20250813_prices.xml", FeedKind.Price, null, "2025-08-12T21:00:00Z")]
    public void Renamed_files_give_the_hints_they_carry(string name, FeedKind? kind, string? chain, string? timestamp)
    {
        var parsed = FeedFileName.Parse(name);
        Assert.False(parsed.IsStandard);
        Assert.Equal(kind, parsed.Kind);
        Assert.Equal(chain, parsed.ChainId);
        Assert.Equal(timestamp is null ? null : DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture), parsed.Timestamp);
    }
}
