namespace Gogobe.Feeds.Model;

/// <summary>Identity of a file: from its XML header where present, else from its name.</summary>
/// <param name="FileName">The file name as received (no folder).</param>
/// <param name="Kind">What the file holds.</param>
/// <param name="Layout">The dialect the file is written in: A–F as in the feed field guide.</param>
/// <param name="ChainId">The 13-digit chain id (or the best the file gives).</param>
/// <param name="SubChainId">Sub-chain id when given.</param>
/// <param name="StoreId">Normalised store id (no leading zeros); null for Stores files.</param>
/// <param name="Timestamp">When the file was published, as a UTC instant.</param>
public sealed record FeedHeader(
    string FileName,
    FeedKind Kind,
    char Layout,
    string ChainId,
    string? SubChainId,
    string? StoreId,
    DateTimeOffset Timestamp)
{
    /// <summary>Where <see cref="Timestamp"/> comes from; <see cref="FeedTimeSource.Undecided"/> until a file without a
    /// time in its header or name has been read to its end.</summary>
    public FeedTimeSource TimeSource { get; init; } = FeedTimeSource.Header;

    /// <summary>Where the XML header and the file name name different chains or stores, and which id was used.</summary>
    public IReadOnlyList<IdentityDisagreement> Disagreements { get; init; } = [];
}
