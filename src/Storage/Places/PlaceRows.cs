namespace Gogobe.Storage.Places;

/// <summary>A store's facts as the places writer needs them, for stores whose facts changed since they were last placed.</summary>
public sealed record WaitingStore(string ChainId, string StoreId, string? Name, string? Address, string? City, int? StoreType, double? FeedLatitude, double? FeedLongitude);

/// <summary>
/// Where a store was placed from its latest facts: a location (null when none) with precision, source and rank, the
/// parsed address and its normalised key, and why it stays unplaced.
/// </summary>
public sealed record PlaceRow(
    string ChainId, string StoreId, double? Latitude, double? Longitude, string? Precision, string? Source, int Rank,
    int? LocalityCode, string? LocalityName, string? Street, string? HouseNumber, string? AddressKey, string? Reason);

/// <summary>A geocoder's answer for one normalised address; <see cref="Found"/> false is an answer too.</summary>
public sealed record GeocodeAnswer(string AddressKey, string Query, bool Found, double? Latitude, double? Longitude, string? Precision);

/// <summary>A store without a location, and why.</summary>
public sealed record UnplacedStore(string ChainId, string StoreId, string? Name, string? Address, string? City, string? Reason);

/// <summary>An address claimed from the geocoding queue.</summary>
public sealed record QueuedAddress(string AddressKey, string Street, string? HouseNumber, string Locality);
