using Gogobe.Synthetic;

namespace Gogobe.Feeds.Tests;

public sealed class GeneratorTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "gogobe-feeds-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void Same_seed_gives_byte_identical_files()
    {
        var options = new SyntheticFeedOptions { Chains = 6, Stores = 2, Items = 120, Seed = 42, Days = 2, Bad = [BadFileKind.Truncated, BadFileKind.Malformed] };
        FeedGenerator.Generate(options, Path.Combine(folder, "one"));
        FeedGenerator.Generate(options, Path.Combine(folder, "two"));
        var one = Directory.GetFiles(Path.Combine(folder, "one")).Order(StringComparer.Ordinal).ToList();
        var two = Directory.GetFiles(Path.Combine(folder, "two")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(one.Select(Path.GetFileName), two.Select(Path.GetFileName));
        Assert.All(one.Zip(two), pair => Assert.Equal(File.ReadAllBytes(pair.First), File.ReadAllBytes(pair.Second)));

        FeedGenerator.Generate(options with { Seed = 43 }, Path.Combine(folder, "three"));
        var other = Directory.GetFiles(Path.Combine(folder, "three")).Where(f => f.EndsWith(".gz", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.NotEqual(one.Where(f => f.EndsWith(".gz", StringComparison.Ordinal)).Select(Path.GetFileName), other.Select(Path.GetFileName));
    }

    [Theory]
    [InlineData('A')]
    [InlineData('B')]
    [InlineData('C')]
    [InlineData('D')]
    [InlineData('E')]
    [InlineData('F')]
    public void Generated_files_read_back_with_exact_counts(char layout)
    {
        var options = new SyntheticFeedOptions
        {
            Chains = 2, Stores = 3, Items = 400, Layout = layout, Seed = 5, Days = 2,
            Bad = Enum.GetValues<BadFileKind>(),
        };
        var feeds = FeedGenerator.Generate(options, folder);
        Assert.Contains(feeds, f => f.Items > 0);
        Assert.Contains(feeds, f => f.PromotionItems > 0);
        foreach (var feed in feeds)
        {
            var result = ConformanceTests.Read(Path.Combine(folder, feed.FileName));
            Assert.True(feed.Ok == result.Ok, $"{feed.FileName}: expected ok={feed.Ok}, got {result.Error}");
            if (!feed.Ok)
            {
                continue;
            }

            Assert.Equal(feed.Kind, result.Header!.Kind);
            if (feed.Kind is Model.FeedKind.PriceFull or Model.FeedKind.Price)
            {
                Assert.Equal(layout, result.Header.Layout);
            }

            Assert.Equal(
                (feed.Stores, feed.Items, feed.Promotions, feed.PromotionItems, feed.Rejected),
                (result.Stores, result.Items, result.Promotions, result.PromotionItems, result.Rejected));
        }
    }

    [Fact]
    public void Chains_share_barcodes_and_keep_internal_codes_apart()
    {
        var options = new SyntheticFeedOptions { Chains = 2, Stores = 1, Items = 300, Layout = 'A', Seed = 9, Deltas = false, Promotions = false };
        var feeds = FeedGenerator.Generate(options, folder);
        var keys = feeds.Where(f => f.Kind == Model.FeedKind.PriceFull)
            .Select(f => ReaderTests.ReadAll(Path.Combine(folder, f.FileName)).Records.Cast<Model.PriceItem>().Select(i => i.Key).ToHashSet())
            .ToList();
        var shared = keys[0].Intersect(keys[1]).ToList();
        Assert.NotEmpty(shared);
        Assert.All(shared, k => Assert.False(k.IsInternal));
        Assert.Contains(keys[0], k => k.IsInternal);
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
