namespace Gogobe.Feeds;

/// <summary>
/// Limits and choices for reading one feed file. Section <c>FeedReader</c>. The limits keep memory and time bounded
/// whatever arrives; each is far above what real feeds reach (the largest value over the sample feeds is named with it),
/// and a file over one fails with the limit's name and where it was reached.
/// </summary>
public sealed record FeedReaderOptions
{
    public const string Section = "FeedReader";

    /// <summary>
    /// The largest decompressed size accepted (gzip, ZIP member or plain file); bigger files fail rather than take the
    /// time of reading them. Default 512 MiB; the largest sample feed is 18 MB.
    /// </summary>
    public long MaxDecompressedBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>
    /// The longest single token the reader holds in memory: a text, a whitespace run, a tag with its attributes, a comment,
    /// CDATA or a processing instruction. Default 1 MiB; the longest in the sample feeds is a 181-byte text.
    /// </summary>
    public int MaxTokenBytes { get; init; } = 1024 * 1024;

    /// <summary>The most attributes one element may carry. Default 256; sample feeds carry at most 2.</summary>
    public int MaxAttributes { get; init; } = 256;

    /// <summary>The deepest nesting of elements. Default 64; sample feeds nest at most 8 deep.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>How many distinct element and attribute names one file may use. Default 4,096; sample feeds use at most 45.</summary>
    public int MaxNames { get; init; } = 4096;

    /// <summary>
    /// How many rows (stores, items, promotions and promotion items) one file may yield: an import keeps a file's rows in
    /// memory, so this bounds what a valid-looking file can make it keep. Default 1,000,000; the largest sample feed has 9,988 items.
    /// </summary>
    public int MaxRows { get; init; } = 1_000_000;

    /// <summary>How many entries a ZIP archive may hold. Default 64; sample archives hold 1.</summary>
    public int MaxZipEntries { get; init; } = 64;

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

    /// <summary>One line per setting out of range, naming what to set.</summary>
    public IEnumerable<string> Validate()
    {
        if (MaxDecompressedBytes < 1024 * 1024)
        {
            yield return $"{Section}:MaxDecompressedBytes must be at least 1048576 (1 MiB); it is {MaxDecompressedBytes}.";
        }

        if (MaxTokenBytes < 4096 || MaxTokenBytes > 256 * 1024 * 1024)
        {
            yield return $"{Section}:MaxTokenBytes must be between 4096 and 268435456 (256 MiB); it is {MaxTokenBytes}.";
        }

        foreach (var (name, value) in new[] { ("MaxAttributes", MaxAttributes), ("MaxDepth", MaxDepth), ("MaxNames", MaxNames), ("MaxRows", MaxRows), ("MaxZipEntries", MaxZipEntries) })
        {
            if (value < 1)
            {
                yield return $"{Section}:{name} must be at least 1; it is {value}.";
            }
        }

        if (EncodingProbeBytes < 1)
        {
            yield return $"{Section}:EncodingProbeBytes must be at least 1; it is {EncodingProbeBytes}.";
        }
    }
}
