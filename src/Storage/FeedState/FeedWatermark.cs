namespace Gogobe.Storage.FeedState;

/// <summary>
/// The newest file of one kind applied to a store: older files than this change nothing. A full price list also
/// carries the fingerprint of its content and its row count when it was read without rejected rows.
/// </summary>
public sealed record FeedWatermark(DateTimeOffset FileAt, string ImportId, string? ContentFingerprint = null, int ContentRows = 0);

/// <summary>What happened to a change handed to a store.</summary>
public enum ApplyStatus
{
    /// <summary>The change was written (possibly nothing, when the stored rows already held it).</summary>
    Applied,

    /// <summary>A newer file of the store was already applied; nothing was written.</summary>
    Stale,
}
