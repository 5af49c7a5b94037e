namespace Gogobe.Ingest.JetStream;

/// <summary>How long a loop that talks to the broker waits after its n-th failure in a row: doubling, capped.</summary>
internal static class RetryBackoff
{
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(5);

    /// <summary><paramref name="first"/> × 2^<paramref name="failures"/>, at most 5 s.</summary>
    public static TimeSpan After(int failures, double first = 100) =>
        TimeSpan.FromMilliseconds(Math.Min(Longest.TotalMilliseconds, first * Math.Pow(2, Math.Min(failures, 10))));
}
