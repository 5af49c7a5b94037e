using Gogobe.Feeds.Model;
using Gogobe.Feeds.Values;
using Gogobe.Testing;

namespace Gogobe.Feeds.Tests;

/// <summary>
/// Every real file, saved under a name that says nothing (as download tools and people rename them), reads as its
/// original does: the same identity and rows, dated by its header, else by the newest update inside, else by the time
/// given with it.
/// </summary>
public sealed class RenamedCopyTests
{
    private static readonly DateTimeOffset Given = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static TheoryData<string> Files() => [.. SharedFeeds.AllFiles().Select(f => Path.GetRelativePath(SharedFeeds.Root, f))];

    [Theory]
    [MemberData(nameof(Files))]
    public void A_renamed_copy_reads_as_the_original(string relative)
    {
        var path = Path.Combine(SharedFeeds.Root, relative);
        var original = Read(File.OpenRead(path), Path.GetFileName(path), receivedAt: null);
        var copy = Read(File.OpenRead(path), "download (1)" + Path.GetExtension(path), Given);

        if (!original.Result.Ok || !copy.Result.Ok)
        {
            // A copy may lack only what its name alone carried: the chain id, or what an empty file would hold.
            Assert.False(original.Result.Ok && !NameAloneCarried(copy.Result.Error!, original.Result), $"{relative}: {copy.Result.Error}");
            return;
        }

        var (was, now) = (original.Result.Header!, copy.Result.Header!);
        Assert.Equal(Category(was.Kind), Category(now.Kind));
        if (FeedIds.IsFullChainId(was.ChainId) && FeedIds.IsFullChainId(now.ChainId))
        {
            Assert.Equal(was.ChainId, now.ChainId);
        }

        Assert.Equal(was.StoreId, now.StoreId);
        Assert.Equal(
            (original.Result.Stores, original.Result.Items, original.Result.Promotions, original.Result.Rejected),
            (copy.Result.Stores, copy.Result.Items, copy.Result.Promotions, copy.Result.Rejected));
        var newest = copy.Records.Select(UpdatedAt).Max();
        var expected = was.TimeSource == FeedTimeSource.Header
            ? (was.Timestamp, FeedTimeSource.Header)
            : newest is { } inside ? (inside, FeedTimeSource.Content) : (Given, FeedTimeSource.Supplied);
        Assert.Equal(expected, (now.Timestamp, now.TimeSource));
    }

    [Fact]
    public void A_renamed_copy_without_any_time_is_refused_with_the_reason()
    {
        var stores = SharedFeeds.RamiLevyStores;
        var text = SharedFeeds.Text(stores);
        var undated = System.Text.RegularExpressions.Regex.Replace(text, "<LastUpdate(Date|Time)>[^<]*</LastUpdate(Date|Time)>", "");
        var read = Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(undated)), "stores.xml", receivedAt: null);
        Assert.False(read.Result.Ok);
        Assert.Contains("no publication time", read.Result.Error, StringComparison.Ordinal);

        var given = Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(undated)), "stores.xml", Given);
        Assert.True(given.Result.Ok, given.Result.Error);
        Assert.Equal((Given, FeedTimeSource.Supplied), (given.Result.Header!.Timestamp, given.Result.Header.TimeSource));
    }

    private static (FeedReadResult Result, List<FeedRecord> Records) Read(Stream content, string name, DateTimeOffset? receivedAt)
    {
        using var file = FeedFile.Open(content, name, FeedReaderOptions.Default with { ReceivedAt = receivedAt });
        var records = file.ReadRecords().ToList();
        return (file.Result, records);
    }

    private static bool NameAloneCarried(string error, FeedReadResult original) =>
        error.Contains("no chain id in the name or the XML header", StringComparison.Ordinal)
        || (error.Contains("unrecognised file", StringComparison.Ordinal) && original.Stores + original.Items + original.Promotions == 0);

    private static DateTimeOffset? UpdatedAt(FeedRecord record) => record switch
    {
        PriceItem item => item.PriceUpdatedAt,
        Promotion promotion => promotion.UpdatedAt,
        _ => null,
    };

    private static string Category(FeedKind kind) => kind switch
    {
        FeedKind.Price or FeedKind.PriceFull => "prices",
        FeedKind.Promo or FeedKind.PromoFull => "promotions",
        _ => "stores",
    };
}
