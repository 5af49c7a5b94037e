namespace Gogobe.Storage.Stores;

/// <summary>One store's facts from a Stores file.</summary>
/// <param name="StoreType">1 physical, 2 online, 3 both.</param>
public sealed record StoreRow(
    string ChainId,
    string StoreId,
    string? ChainName,
    string? SubChainId,
    string? SubChainName,
    string? Name,
    string? Address,
    string? City,
    string? ZipCode,
    int? StoreType,
    double? Latitude,
    double? Longitude);

/// <summary>A stored store with the Stores file its facts come from.</summary>
public sealed record StoredStore(StoreRow Store, DateTimeOffset FileAt, string? ImportId, DateTimeOffset UpdatedAt);

/// <summary>A chain and its name, when a Stores file gave one.</summary>
public sealed record StoredChain(string ChainId, string? Name);

/// <summary>What <see cref="StoreDirectory.UpsertAsync"/> did.</summary>
public enum StoreUpsertOutcome
{
    /// <summary>The store was not known; it was added.</summary>
    Created,

    /// <summary>Its address or city changed (other facts may have too).</summary>
    Moved,

    /// <summary>Facts other than address and city changed.</summary>
    Updated,

    /// <summary>Same facts; only the file it was last seen in moved forward.</summary>
    Unchanged,

    /// <summary>A newer Stores file was already applied; nothing was written.</summary>
    Stale,
}
