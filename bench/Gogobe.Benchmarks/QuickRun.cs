using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Gogobe.Benchmarks;

/// <summary>
/// <c>quick</c>: items/s, MB/s and allocations per file without BenchmarkDotNet, and where the time goes:
/// decompression alone, decompression + content fingerprint, decompression + decoding + XmlReader walking every node, decompression +
/// Gogobe's UTF-8 reader walking every node, and the full reader; then the full reader once more with the framework's XML reader.
/// </summary>
internal static class QuickRun
{
    private static readonly Gogobe.Feeds.FeedReaderOptions Options = new();

    public static int Run()
    {
        string[] files =
        [
            BenchFiles.Real(BenchFiles.LargestPriceFull), BenchFiles.Real(BenchFiles.PlainPriceFull), BenchFiles.Real(BenchFiles.LargestPromoFull),
            BenchFiles.Real(BenchFiles.LargestStores), BenchFiles.Synthetic(1), BenchFiles.Synthetic(40),
        ];
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(3))
        {
            foreach (var path in files.Take(4))
            {
                Inflate(path, out _);
                WalkXml(path);
                FeedReadBenchmarks.ReadFile(path);
            }
        }

        Console.WriteLine($"{"file",-48} {"records",9} {"rows",9} {"XML MB",7} {"cpu ms",7} {"rows/s",10} {"MB/s",6} {"alloc MB",8} | {"inflate",7} {"+hash",7} {"+xml",7} {"+utf8",7} {"full",7} cpu ms | framework XML reader: {"full",7} cpu ms {"alloc MB",8}");
        foreach (var path in files)
        {
            Measure(path);
        }

        return 0;
    }

    private static void Measure(string path)
    {
        var xmlBytes = Inflate(path, out _);
        var (records, result) = FeedReadBenchmarks.ReadFile(path);
        var rows = result.Items + result.PromotionItems + result.Stores;
        const int runs = 3;
        var inflate = Best(runs, () => Inflate(path, out _));
        var fingerprint = Best(runs, () => Fingerprint(path));
        var walk = Best(runs, () => WalkXml(path));
        var utf8 = Best(runs, () => WalkUtf8(path));
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        FeedReadBenchmarks.ReadFile(path);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var full = Best(runs, () => FeedReadBenchmarks.ReadFile(path));
        var allocatedFramework = GC.GetAllocatedBytesForCurrentThread();
        FeedReadBenchmarks.ReadFile(path, frameworkXml: true);
        allocatedFramework = GC.GetAllocatedBytesForCurrentThread() - allocatedFramework;
        var fullFramework = Best(runs, () => FeedReadBenchmarks.ReadFile(path, frameworkXml: true));
        var name = Path.GetFileName(path);
        Console.WriteLine(
            $"{(name.Length > 48 ? name[..48] : name),-48} {records,9:N0} {rows,9:N0} {xmlBytes / 1e6,7:F1} {full,7:F1} {rows / (full / 1000),10:N0} {xmlBytes / 1e6 / (full / 1000),6:F0} {allocated / 1e6,8:F1} | {inflate,7:F1} {fingerprint,7:F1} {walk,7:F1} {utf8,7:F1} {full,7:F1}        | {fullFramework,7:F1}        {allocatedFramework / 1e6,8:F1}");
    }

    /// <summary>
    /// Milliseconds of processor time per run, averaged over at least a second of runs: on a shared machine
    /// processor time is steadier than wall time.
    /// </summary>
    private static double Best(int runs, Action action)
    {
        action();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var count = 0;
        while (count < runs || clock.Elapsed < TimeSpan.FromSeconds(1.5))
        {
            action();
            count++;
        }

        process.Refresh();
        return (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / count;
    }

    private static long Inflate(string path, out byte[] head)
    {
        using var file = File.OpenRead(path);
        var magic = new byte[2];
        file.ReadExactly(magic);
        file.Position = 0;
        using Stream source = magic[0] == 0x1f ? new GZipStream(file, CompressionMode.Decompress) : file;
        var buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        head = [];
        while ((n = source.Read(buffer)) > 0)
        {
            total += n;
        }

        return total;
    }

    /// <summary>What recognising an unchanged file costs: decompression and the content fingerprint, no parsing.</summary>
    private static void Fingerprint(string path)
    {
        using var file = File.OpenRead(path);
        Gogobe.Feeds.FeedFile.TryFingerprint(file);
    }

    private static void WalkXml(string path)
    {
        using var file = File.OpenRead(path);
        var magic = new byte[2];
        file.ReadExactly(magic);
        file.Position = 0;
        using Stream source = magic[0] == 0x1f ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var text = new StreamReader(source, new UTF8Encoding(false, true), true, 64 * 1024);
        using var xml = XmlReader.Create(text, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true });
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Text)
            {
                _ = xml.Value;
            }
        }
    }

    /// <summary>As <see cref="WalkXml"/>, through the XML source the feed reader picks: Gogobe's own for UTF-8 files.</summary>
    private static void WalkUtf8(string path)
    {
        using var file = File.OpenRead(path);
        using var content = Gogobe.Feeds.Input.FeedInput.Decompress(file, Options);
        using var xml = Gogobe.Feeds.Input.FeedText.OpenXml(content, Options);
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Text)
            {
                _ = xml.Value;
            }
        }
    }
}
