using System.Globalization;
using System.IO.Compression;
using System.Text;
using Gogobe.Feeds.Model;

namespace Gogobe.Synthetic;

/// <summary>What one generated file holds, so a test can check the reader against it.</summary>
public sealed record GeneratedFeed(string FileName, FeedKind Kind, char Layout, bool Ok, int Stores, int Items, int Promotions, int PromotionItems, int Rejected);

/// <summary>
/// Writes realistic, deterministic feed files: the same options give byte-identical files. Per chain and day a
/// Stores file; per store a PriceFull, a Price delta, a PromoFull and a Promo delta, gzip-compressed (layout C's
/// full files as ZIP under a .gz name), named as the portals name them. Broken files are added on request.
/// A <c>manifest.tsv</c> lists every file with what it holds.
/// </summary>
public static class FeedGenerator
{
    private static readonly DateTime ZipEntryTime = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    public static IReadOnlyList<GeneratedFeed> Generate(SyntheticFeedOptions options, string outputFolder)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Chains);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Stores);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Items);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Days);
        Directory.CreateDirectory(outputFolder);
        var seed = (ulong)(uint)options.Seed;
        var chains = SyntheticWorld.Build(options);
        var feeds = new List<GeneratedFeed>();
        foreach (var chain in chains)
        {
            var writer = new LayoutWriter(chain, seed, options);
            for (var day = 0; day < options.Days; day++)
            {
                var date = options.FirstDay.AddDays(day).ToDateTime(TimeOnly.MinValue);
                feeds.Add(Write(outputFolder, writer, FeedKind.Stores, null, date.AddHours(5).AddMinutes(5), chain.Layout,
                    w => new Counts(Stores: writer.WriteStores(w, date.AddHours(5).AddMinutes(5)))));
                var perStore = new List<GeneratedFeed>[chain.Stores.Length];
                var d = day;
                Parallel.For(0, chain.Stores.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, s =>
                    perStore[s] = StoreFiles(outputFolder, writer, chain, chain.Stores[s], d, date, options));
                feeds.AddRange(perStore.SelectMany(f => f));
            }
        }

        feeds.AddRange(BadFiles.Write(outputFolder, new LayoutWriter(chains[0], seed, options), chains[0], options));
        WriteManifest(outputFolder, feeds);
        return feeds;
    }

    private static List<GeneratedFeed> StoreFiles(
        string folder, LayoutWriter writer, SyntheticChain chain, SyntheticStore store, int day, DateTime date, SyntheticFeedOptions options)
    {
        var files = new List<GeneratedFeed>(4)
        {
            Write(folder, writer, FeedKind.PriceFull, store, date.AddMinutes(10), chain.Layout, w => Counts.Of(writer.WritePrices(w, store, day, full: true, bad: null))),
        };
        if (options.Deltas)
        {
            files.Add(Write(folder, writer, FeedKind.Price, store, date.AddHours(10), chain.Layout, w => Counts.Of(writer.WritePrices(w, store, day, full: false, bad: null))));
        }

        if (options.Promotions)
        {
            files.Add(Write(folder, writer, FeedKind.PromoFull, store, date.AddMinutes(11), chain.Layout, w => Counts.OfPromotions(writer.WritePromotions(w, store, day, full: true))));
            if (options.Deltas)
            {
                files.Add(Write(folder, writer, FeedKind.Promo, store, date.AddHours(10).AddMinutes(1), chain.Layout, w => Counts.OfPromotions(writer.WritePromotions(w, store, day, full: false))));
            }
        }

        return files;
    }

    internal static GeneratedFeed Write(
        string folder, LayoutWriter writer, FeedKind kind, SyntheticStore? store, DateTime stamp, char layout, Func<TextWriter, Counts> body)
    {
        var name = writer.FileName(kind, store, stamp);
        var bytes = Render(writer.EncodingOf(kind), body, out var counts);
        WriteCompressed(Path.Combine(folder, name), bytes, writer.ZipUnderGz(kind), name);
        return new GeneratedFeed(name, kind, layout, true, counts.Stores, counts.Items, counts.Promotions, counts.PromotionItems, counts.Rejected);
    }

    internal static byte[] Render(Encoding encoding, Func<TextWriter, Counts> body, out Counts counts)
    {
        using var buffer = new MemoryStream();
        using (var text = new StreamWriter(buffer, encoding, 64 * 1024, leaveOpen: true))
        {
            counts = body(text);
        }

        return buffer.ToArray();
    }

    internal static void WriteCompressed(string path, byte[] xml, bool zip, string name)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024);
        if (zip)
        {
            using var archive = new ZipArchive(file, ZipArchiveMode.Create);
            var entry = archive.CreateEntry(Path.ChangeExtension(name, ".xml"), CompressionLevel.Fastest);
            entry.LastWriteTime = ZipEntryTime;
            using var member = entry.Open();
            member.Write(xml);
            return;
        }

        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(xml);
    }

    private static void WriteManifest(string folder, List<GeneratedFeed> feeds)
    {
        var text = new StringBuilder("file\tkind\tlayout\tok\tstores\titems\tpromotions\tpromotionItems\trejected\n");
        foreach (var f in feeds.OrderBy(f => f.FileName, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"{f.FileName}\t{f.Kind}\t{f.Layout}\t{(f.Ok ? "ok" : "bad")}\t{f.Stores}\t{f.Items}\t{f.Promotions}\t{f.PromotionItems}\t{f.Rejected}\n");
        }

        File.WriteAllText(Path.Combine(folder, "manifest.tsv"), text.ToString(), new UTF8Encoding(false));
    }
}

internal readonly record struct Counts(int Stores = 0, int Items = 0, int Promotions = 0, int PromotionItems = 0, int Rejected = 0)
{
    public static Counts Of((int Items, int Rejected) prices) => new(Items: prices.Items, Rejected: prices.Rejected);

    public static Counts OfPromotions((int Promotions, int Rows) promotions) => new(Promotions: promotions.Promotions, PromotionItems: promotions.Rows);
}
