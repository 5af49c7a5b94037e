using System.IO.Hashing;

namespace Gogobe.Feeds.Input;

/// <summary>
/// The fingerprint of a file's decompressed content: XXH128 seeded with the reader's version, so that a file read the
/// same way twice has the same fingerprint, whatever its compression or name, and a reader whose normalisation changed
/// never matches what an older one recorded.
/// </summary>
internal static class ContentFingerprint
{
    /// <summary>Raise when a change to the reader can turn the same bytes into different records.</summary>
    public const long ReaderVersion = 1;

    public static XxHash128 Start() => new(ReaderVersion);

    public static string Format(XxHash128 hash) => Convert.ToHexStringLower(hash.GetCurrentHash());
}
