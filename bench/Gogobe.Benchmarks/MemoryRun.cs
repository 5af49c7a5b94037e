using Gogobe.Feeds;

namespace Gogobe.Benchmarks;

/// <summary>
/// <c>--memory</c>: the live managed heap while reading a 1 MB and a 40 MB PriceFull (records consumed, not kept),
/// sampled after a full collection every 250 records. A streaming reader's heap must not grow with the file.
/// Each file is read once before measuring so one-off caches (time zone, name tables, encodings) are already built.
/// </summary>
internal static class MemoryRun
{
    public static int Run()
    {
        var smallPath = BenchFiles.Synthetic(1);
        var largePath = BenchFiles.Synthetic(40);
        Measure(smallPath);
        Measure(largePath);
        var small = Measure(smallPath);
        var large = Measure(largePath);
        Console.WriteLine($"{"file",-10} {"items",9} {"baseline KB",12} {"peak heap KB",13} {"peak - baseline KB",19} {"allocated MB",13}");
        foreach (var (label, m) in new[] { ("1 MB", small), ("40 MB", large) })
        {
            Console.WriteLine($"{label,-10} {m.Items,9:N0} {m.Baseline / 1e3,12:F0} {m.Peak / 1e3,13:F0} {(m.Peak - m.Baseline) / 1e3,19:F0} {m.Allocated / 1e6,13:F1}");
        }

        var growth = ((double)large.Peak / small.Peak) - 1;
        Console.WriteLine($"peak heap 1 MB → 40 MB: {growth:+0.0%;-0.0%} ({(growth <= 0.10 ? "within" : "OVER")} the 10% target)");
        return growth <= 0.10 ? 0 : 1;
    }

    private static (int Items, long Baseline, long Peak, long Allocated) Measure(string path)
    {
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var peak = baseline;
        var items = 0;
        using (var file = FeedFile.Open(path))
        {
            foreach (var _ in file.ReadRecords())
            {
                if (++items % 250 == 0)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                }
            }

            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
        }

        return (items, baseline, peak, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
    }
}
