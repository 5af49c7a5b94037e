namespace Gogobe.Grains.Imports;

/// <summary>
/// Hands the memory a failed file's reading held back to the system soon after, instead of at the next full collection,
/// which an idle silo may not run for hours: a file can fail after holding up to the reader's limits (a million rows).
/// One compacting, decommitting collection two seconds after the last failure, so that a burst of failures costs one.
/// </summary>
internal static class FailedReadMemory
{
    private static readonly Timer Collection = new(_ => GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true));

    public static void Release() => Collection.Change(TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
}
