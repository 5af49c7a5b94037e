using System.Diagnostics;

namespace Gogobe.StreamBench;

/// <summary>Events handled by <see cref="BenchFollowerGrain"/> in this process, with the times of the first and the last.</summary>
internal static class Deliveries
{
    private static long count;
    private static long first;
    private static long last;

    public static long Count => Interlocked.Read(ref count);

    /// <summary>Seconds from the first event handled to the last.</summary>
    public static double Span => Stopwatch.GetElapsedTime(Interlocked.Read(ref first), Interlocked.Read(ref last)).TotalSeconds;

    public static void Record()
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.CompareExchange(ref first, now, 0);
        Interlocked.Exchange(ref last, now);
        Interlocked.Increment(ref count);
    }

    public static void Reset()
    {
        Interlocked.Exchange(ref count, 0);
        Interlocked.Exchange(ref first, 0);
        Interlocked.Exchange(ref last, 0);
    }
}
