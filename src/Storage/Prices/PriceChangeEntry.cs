namespace Gogobe.Storage.Prices;

/// <summary>A product's price in one store from a point in time; <c>PreviousPrice</c> is null for the first one known.</summary>
public sealed record PriceChangeEntry(
    string ChainId, string StoreId, string? StoreName, decimal? Price, decimal? PreviousPrice, DateTimeOffset ChangedAt, string? ImportId)
{
    /// <summary>In a master product's history (<c>members=true</c>): the member this entry is for.</summary>
    public string? Member { get; init; }

    /// <summary>In a master product's history: how that member joined the master product (code, learned, manual).</summary>
    public string? MatchedBy { get; init; }
}
