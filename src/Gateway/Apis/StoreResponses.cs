using System.ComponentModel;

namespace Gogobe.Gateway.Apis;

/// <summary>
/// A store: <c>city</c> is the locality's name when the feed's city (<c>cityAsPublished</c>, a name or a national
/// locality code) was resolved; <c>prices</c> counts the items it sells now (only on the single-store answer);
/// <c>distanceApproximate</c> is true when the store is only placed at its locality's centre; <c>pricesUpdatedAt</c> is
/// the time of the newest price file applied to the store.
/// </summary>
[ImmutableObject(true)]
public sealed record StoreEntry(
    string ChainId, string? ChainName, string StoreId, string? Name, string? SubChainName, string? Address, string? City,
    string? CityAsPublished, int? LocalityCode, Location? Location, double? DistanceKm, int? StoreType, string? ZipCode, int? Prices,
    bool? DistanceApproximate, DateTimeOffset? PricesUpdatedAt);
