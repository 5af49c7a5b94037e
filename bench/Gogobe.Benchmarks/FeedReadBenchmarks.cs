using BenchmarkDotNet.Attributes;
using Gogobe.Feeds;

namespace Gogobe.Benchmarks;

/// <summary>Whole-file reads with every field mapped, one core.</summary>
[MemoryDiagnoser]
public class FeedReadBenchmarks
{
    private string path = string.Empty;

    [Params("PriceFull (Rami Levy, 9,988 items)", "PromoFull (Keshet, 104,054 rows)", "Stores (Shufersal, 405)", "PriceFull synthetic 1 MB", "PriceFull synthetic 40 MB")]
    public string File { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup() => path = File switch
    {
        var f when f.StartsWith("PriceFull (", StringComparison.Ordinal) => BenchFiles.Real(BenchFiles.LargestPriceFull),
        var f when f.StartsWith("PromoFull", StringComparison.Ordinal) => BenchFiles.Real(BenchFiles.LargestPromoFull),
        var f when f.StartsWith("Stores", StringComparison.Ordinal) => BenchFiles.Real(BenchFiles.LargestStores),
        var f when f.EndsWith("40 MB", StringComparison.Ordinal) => BenchFiles.Synthetic(40),
        _ => BenchFiles.Synthetic(1),
    };

    private static readonly FeedReaderOptions FrameworkXml = new() { FrameworkXmlReader = true };

    [Benchmark]
    public int Read() => ReadFile(path).Records;

    /// <summary>Reads every record; <paramref name="frameworkXml"/> reads UTF-8 files with the framework's XML reader instead of Gogobe's.</summary>
    internal static (int Records, FeedReadResult Result) ReadFile(string path, bool frameworkXml = false)
    {
        using var file = FeedFile.Open(path, frameworkXml ? FrameworkXml : null);
        var records = 0;
        foreach (var _ in file.ReadRecords())
        {
            records++;
        }

        return file.Result.Ok ? (records, file.Result) : throw new InvalidOperationException(file.Result.Error);
    }
}
