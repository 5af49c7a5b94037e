namespace Gogobe.Places.Geocoding;

/// <summary>What a geocoder said about one address.</summary>
public enum GeocoderVerdict
{
    /// <summary>A point, at <see cref="GeocoderReply.Precision"/>.</summary>
    Found,

    /// <summary>An empty answer: the address is not known (an answer too, kept like the others).</summary>
    NotFound,

    /// <summary>Refused (429), failed (5xx), timed out or unreachable: ask again after <see cref="GeocoderReply.RetryAfter"/>.</summary>
    RetryLater,
}

public sealed record GeocoderReply(GeocoderVerdict Verdict, double? Latitude, double? Longitude, PlacePrecision Precision, TimeSpan RetryAfter, string? Problem)
{
    public static GeocoderReply NotFound { get; } = new(GeocoderVerdict.NotFound, null, null, PlacePrecision.None, TimeSpan.Zero, null);

    public static GeocoderReply Later(TimeSpan after, string problem) => new(GeocoderVerdict.RetryLater, null, null, PlacePrecision.None, after, problem);
}

/// <summary>One address to look up: house number and street in a locality, the way Nominatim's structured search takes it.</summary>
public sealed record GeocodeQuery(string AddressKey, string Street, string? HouseNumber, string Locality)
{
    public string Text => HouseNumber is null ? $"{Street}, {Locality}" : $"{Street} {HouseNumber}, {Locality}";
}
