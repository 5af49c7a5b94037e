namespace Gogobe.Gateway.Baskets;

/// <summary>
/// A basket to price: <c>near</c> is <c>lat,lon</c>; stores within <c>radiusKm</c> (default 10) of it are compared, at
/// prices confirmed by a file within <c>confirmedWithinDays</c> days (default 30).
/// </summary>
public sealed record BasketRequest(IReadOnlyList<BasketItemRequest>? Items, string? Near, double? RadiusKm, int? MaxStores, int? ConfirmedWithinDays = null);

/// <summary>One product of a basket and how many of it (default 1).</summary>
public sealed record BasketItemRequest(string? Key, decimal? Quantity);

/// <summary>
/// Stores ranked by basket total (fewest missing items first), the cheapest single store, and the cheapest split of the
/// basket over up to <c>maxStores</c> stores with what it saves against the cheapest single store.
/// </summary>
public sealed record BasketResponse(
    IReadOnlyList<BasketItemRequest> Items, int StoresConsidered, IReadOnlyList<BasketStoreTotal> Stores, BasketStoreTotal? CheapestStore, BasketSplit? Split);

/// <summary>A store's price for the basket; <c>savings</c> is how much less it costs than the dearest store that has every item.</summary>
public sealed record BasketStoreTotal(
    string ChainId, string? ChainName, string StoreId, string? StoreName, string? City, double? DistanceKm,
    decimal Total, int ItemsFound, IReadOnlyList<string> Missing, decimal? Savings)
{
    /// <summary>Items the store does not sell under the basket's key, priced as another member of their master product.</summary>
    public IReadOnlyList<BasketMemberMatch> Members { get; init; } = [];
}

/// <summary>A basket item (<c>key</c>) found in a store as <c>member</c>, a member of its master product joined by <c>matchedBy</c>.</summary>
public sealed record BasketMemberMatch(string Key, string Member, string MatchedBy, double Confidence);

public sealed record BasketSplit(decimal Total, IReadOnlyList<string> Missing, decimal? SavingsVsCheapestStore, IReadOnlyList<SplitStore> Stores);

public sealed record SplitStore(string ChainId, string? ChainName, string StoreId, string? StoreName, string? City, double? DistanceKm, decimal Subtotal, IReadOnlyList<SplitLine> Items);

/// <summary>An item bought in a store; <c>promotion</c> is true when a public promotion sets its price;</summary>
/// <c>member</c> and <c>matchedBy</c> are set when the store sells the item only as another member of its master product.
public sealed record SplitLine(string Key, decimal Quantity, decimal UnitPrice, decimal LineTotal, bool Promotion)
{
    public string? Member { get; init; }

    public string? MatchedBy { get; init; }
}
