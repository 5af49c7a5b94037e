namespace Gogobe.Storage.Stores;

/// <summary>
/// A store as listed: <c>City</c> as published (a name or a national locality code), <c>LocalityName</c> when it was
/// resolved; <c>LocationPrecision</c> and <c>LocationSource</c> say how the coordinates were found; <c>Prices</c> counts the items it sells now (only when one store was asked for);
/// <c>PricesUpdatedAt</c> is the publication time of the newest price file applied to it.
/// </summary>
public sealed record StoreListing(
    string ChainId, string? ChainName, string StoreId, string? Name, string? SubChainName, string? Address, string? City,
    int? LocalityCode, string? LocalityName, double? Latitude, double? Longitude, string? LocationPrecision, int? StoreType,
    string? ZipCode, string? LocationSource, int? Prices, DateTimeOffset? PricesUpdatedAt);
