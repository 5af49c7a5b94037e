using System.IO.Compression;
using System.Text;
using Gogobe.Feeds;
using Gogobe.Feeds.Model;

namespace Gogobe.Testing;

/// <summary>
/// The real published files in <c>../shared/feeds</c> beside the repository (listed in its <c>MANIFEST.tsv</c>), the
/// samples several suites use, and what they say. Tests that need them fail when they are missing.
/// </summary>
public static class SharedFeeds
{
    public const string RamiLevy = "7290058140886";
    public const string OsherAd = "7290103152017";

    private static readonly Lazy<string> Folder = new(Locate);

    public static string Root => Folder.Value;

    public static string RamiLevyStores => File("ShakedZrihen__data-pipeline-2025/Stores7290058140886-000-20250821-050500-RamiLevi.xml");

    public static string RamiLevyPrices => File("ShakedZrihen__data-pipeline-2025/PriceFull7290058140886-006-202508130010.gz");

    /// <summary>Rami Levy's promotions of store 001 (2026); the tests give them to store 006, whose prices they have.</summary>
    public static string RamiLevyPromotions001 => File("OpenIsraeliSupermarkets__israeli-supermarket-parsers/PromoFull7290058140886-001-202602170010");

    public static string OsherAdStores => File("OlivierH__israel-prices/Stores7290103152017-202211020805.xml");

    public static string OsherAdPrices => File("OlivierH__israel-prices/PriceFull7290103152017-001-202211021400");

    /// <summary>A real delta of Osher Ad store 001 (2025): changes two prices of the 2022 full list.</summary>
    public static string OsherAdDelta => File("ShakedZrihen__data-pipeline-2025/Price7290103152017-001-202508071000.gz");

    public static string File(string relative)
    {
        var path = Path.Combine(Root, relative);
        return System.IO.File.Exists(path) ? path : throw new FileNotFoundException($"Missing shared feed file {relative} in {Root}.", path);
    }

    /// <summary>Every feed file, in ordinal order of its path.</summary>
    public static IEnumerable<string> AllFiles() =>
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).Equals("MANIFEST.tsv", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);

    /// <summary>The file's text, decompressed and decoded (BOM or UTF-8).</summary>
    public static string Text(string path)
    {
        using var input = System.IO.File.OpenRead(path);
        using var stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(input, CompressionMode.Decompress) : (Stream)input;
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>Every record of a file read with the feed reader; fails when the file does not read cleanly.</summary>
    public static (FeedHeader Header, List<FeedRecord> Records) Read(string path)
    {
        using var file = FeedFile.Open(path);
        var records = file.ReadRecords().ToList();
        Assert.True(file.Result.Ok, file.Result.Error);
        return (file.Header!, records);
    }

    /// <summary>The price of each product of a price file, as an import keeps it (the latest row of a product wins).</summary>
    public static Dictionary<string, PriceItem> Prices(string path)
    {
        var latest = new Dictionary<string, PriceItem>(StringComparer.Ordinal);
        foreach (var item in Read(path).Records.OfType<PriceItem>())
        {
            if (!latest.TryGetValue(item.Key.Value, out var seen) || (item.PriceUpdatedAt ?? DateTimeOffset.MinValue) >= (seen.PriceUpdatedAt ?? DateTimeOffset.MinValue))
            {
                latest[item.Key.Value] = item;
            }
        }

        return latest;
    }

    /// <summary><c>../shared/feeds</c> beside the repository, or beside a folder above it (a work tree nested deeper).</summary>
    private static string Locate()
    {
        for (var dir = new DirectoryInfo(Repository.Root); dir is not null; dir = dir.Parent)
        {
            var feeds = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "feeds"));
            if (System.IO.File.Exists(Path.Combine(feeds, "MANIFEST.tsv")))
            {
                return feeds;
            }
        }

        throw new DirectoryNotFoundException(
            $"The real feed files are expected in {Path.GetFullPath(Path.Combine(Repository.Root, "..", "shared", "feeds"))} (../shared/feeds beside the repository, with its MANIFEST.tsv).");
    }
}
