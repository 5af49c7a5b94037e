using Gogobe.Synthetic;

namespace Gogobe.Benchmarks;

/// <summary>The files the benchmarks read: the largest real samples in ../shared/feeds and synthetic PriceFull files of 1 MB and 40 MB.</summary>
internal static class BenchFiles
{
    public const string LargestPriceFull = "ShakedZrihen__data-pipeline-2025/PriceFull7290058140886-006-202508130010.gz";
    public const string LargestPromoFull = "ShakedZrihen__data-pipeline-2025/PromoFull7290785400000-015-202508130011.gz";
    public const string LargestStores = "OlivierH__israel-prices/Stores7290027600007-000-202211020201";
    public const string PlainPriceFull = "OpenIsraeliSupermarkets__israeli-supermarket-parsers/PriceFull7290172900007-083-202409270311.xml";

    private static readonly Lazy<string> SharedFeeds = new(Locate);

    public static string Real(string relative) => Path.Combine(SharedFeeds.Value, relative);

    /// <summary>A synthetic layout-A PriceFull of about <paramref name="megabytes"/> MB of XML, generated once per process.</summary>
    public static string Synthetic(int megabytes)
    {
        var folder = Path.Combine(Path.GetTempPath(), "gogobe-bench", $"pricefull-{megabytes}mb");
        var existing = Directory.Exists(folder) ? Directory.GetFiles(folder, "PriceFull*.gz") : [];
        if (existing.Length == 1)
        {
            return existing[0];
        }

        Directory.CreateDirectory(folder);
        var options = new SyntheticFeedOptions
        {
            Chains = 1, Stores = 1, Items = megabytes * 1300, Layout = 'A', Seed = 2026, Deltas = false, Promotions = false,
        };
        return Path.Combine(folder, FeedGenerator.Generate(options, folder).Single(f => f.Kind == Feeds.Model.FeedKind.PriceFull).FileName);
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gogobe.sln")) || File.Exists(Path.Combine(dir.FullName, "global.json")))
            {
                var feeds = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "feeds"));
                return File.Exists(Path.Combine(feeds, "MANIFEST.tsv"))
                    ? feeds
                    : throw new InvalidOperationException($"The shared feed samples are missing: expected {feeds}/MANIFEST.tsv.");
            }
        }

        throw new InvalidOperationException($"No repository root (Gogobe.sln or global.json) above {AppContext.BaseDirectory}.");
    }
}
