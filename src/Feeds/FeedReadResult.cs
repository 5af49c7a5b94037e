using Gogobe.Feeds.Model;

namespace Gogobe.Feeds;

/// <summary>
/// Outcome of reading one file. When <see cref="Ok"/> is false the records already yielded must be discarded:
/// the file is incomplete (truncated, malformed, over the size limit …) and <see cref="Error"/> says why.
/// Counts are of records yielded; <see cref="Rejected"/> counts rows left out, by reason.
/// </summary>
public sealed record FeedReadResult(
    string FileName,
    bool Ok,
    string? Error,
    FeedHeader? Header,
    int Stores,
    int Items,
    int Promotions,
    int PromotionItems,
    int Rejected,
    IReadOnlyDictionary<string, int> RejectedByReason)
{
    /// <summary>
    /// The fingerprint of the decompressed content (32 hex digits) when <see cref="FeedReaderOptions.FingerprintContent"/>
    /// was set and the file was read to its end; otherwise null.
    /// </summary>
    public string? ContentFingerprint { get; init; }
}
