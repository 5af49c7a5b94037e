namespace Gogobe.Contracts.Stores;

/// <summary>One store, keyed <c>chainId:storeId</c>: its facts from the chain's Stores files.</summary>
public interface IStoreGrain : IGrainWithStringKey
{
    /// <summary>Applies the store's facts as of a Stores file; returns true when something changed.</summary>
    Task<bool> Apply(StoreFacts facts, DateTimeOffset fileTimestamp, string importId);
}

[GenerateSerializer, Immutable]
public sealed record StoreFacts(
    [property: Id(0)] string ChainId,
    [property: Id(1)] string StoreId,
    [property: Id(2)] string? ChainName,
    [property: Id(3)] string? SubChainId,
    [property: Id(4)] string? SubChainName,
    [property: Id(5)] string? Name,
    [property: Id(6)] string? Address,
    [property: Id(7)] string? City,
    [property: Id(8)] string? ZipCode,
    [property: Id(9)] int? StoreType,
    [property: Id(10)] double? Latitude,
    [property: Id(11)] double? Longitude);
