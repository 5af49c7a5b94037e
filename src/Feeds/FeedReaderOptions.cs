namespace Gogobe.Feeds;

/// <summary>Limits and choices for reading one feed file.</summary>
public sealed class FeedReaderOptions
{
    /// <summary>The largest decompressed size accepted; bigger files fail with an error rather than fill memory or disk.</summary>
    public long MaxDecompressedBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>
    /// How many bytes at the start of a file without a byte-order mark are checked as UTF-8 before the
    /// declared (or Hebrew single-byte) encoding is tried instead.
    /// </summary>
    public int EncodingProbeBytes { get; init; } = 64 * 1024;

    /// <summary>
    /// When the file was received: its timestamp when neither the XML header nor the name carries one (renamed files).
    /// Files opened by path default to their last-write time.
    /// </summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>
    /// Use <see cref="ReceivedAt"/> (or the file's last-write time) as its timestamp when neither the XML header nor the name carries one
    /// (renamed files). When false such files fail.
    /// </summary>
    public bool UseFileTimeWhenUndated { get; init; } = true;

    /// <summary>
    /// Compute <see cref="FeedReadResult.ContentFingerprint"/> while reading (one hash over the decompressed bytes),
    /// so that a later file with the same content can be recognised by <see cref="FeedFile.TryFingerprint"/> without parsing.
    /// </summary>
    public bool FingerprintContent { get; init; }

    /// <summary>Read UTF-8 files with the framework's XML reader too, as files in other encodings are; slower. For comparisons.</summary>
    internal bool FrameworkXmlReader { get; init; }

    internal static FeedReaderOptions Default { get; } = new();
}
