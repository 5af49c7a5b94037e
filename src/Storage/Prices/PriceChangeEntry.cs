namespace Gogobe.Storage.Prices;

/// <summary>A product's price in one store from a point in time; <c>PreviousPrice</c> is null for the first one known.</summary>
public sealed record PriceChangeEntry(
    string ChainId, string StoreId, string? StoreName, decimal? Price, decimal? PreviousPrice, DateTimeOffset ChangedAt, string? ImportId);
