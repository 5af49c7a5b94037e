using Gogobe.Contracts.Events;

namespace Gogobe.Ingest.Messages;

/// <summary>The NATS subjects of the ingest pipeline, under one prefix (<c>gogobe</c> unless tests isolate themselves).</summary>
public sealed class IngestSubjects(string prefix)
{
    public const string DefaultPrefix = "gogobe";

    public static IngestSubjects Default { get; } = new(DefaultPrefix);

    public string Prefix { get; } = prefix;

    /// <summary>A file waits in the file store: <see cref="FileUploaded"/>.</summary>
    public string FilesUploaded => $"{Prefix}.files.uploaded";

    /// <summary>Every subject of the files stream.</summary>
    public string Files => $"{Prefix}.files.>";

    /// <summary>A store's prices changed: <see cref="PricesChanged"/>.</summary>
    public string PricesChanged => $"{Prefix}.prices.changed";

    /// <summary>A store's promotions changed: <see cref="PromotionsChanged"/>.</summary>
    public string PromotionsChanged => $"{Prefix}.promotions.changed";

    /// <summary>A store appeared or moved: <see cref="StoreChanged"/>.</summary>
    public string StoresChanged => $"{Prefix}.stores.changed";

    /// <summary>Products new to the catalogue wait to be matched: <see cref="Contracts.Matching.MatchingRequested"/>.</summary>
    public string MatchingRequest => $"{Prefix}.matching.request";

    /// <summary>Upload messages that could not be imported, with the original payload.</summary>
    public string DeadLetterFiles => $"{Prefix}.deadletter.files";

    /// <summary>Every subject of the dead-letter stream.</summary>
    public string DeadLetter => $"{Prefix}.deadletter.>";
}
