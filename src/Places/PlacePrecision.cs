namespace Gogobe.Places;

/// <summary>How precisely a store is placed, worst first.</summary>
public enum PlacePrecision
{
    /// <summary>Not placed.</summary>
    None = 0,

    /// <summary>At its locality's centre.</summary>
    Locality = 1,

    /// <summary>Somewhere on its street.</summary>
    Street = 2,

    /// <summary>At its address (street and house number), or at coordinates its chain published.</summary>
    Address = 3,
}

/// <summary>Where a location came from, as stored and shown.</summary>
public static class PlaceSource
{
    public const string Feed = "feed";
    public const string Geocoder = "geocoder";
    public const string Localities = "localities";

    /// <summary>The name of a precision as stored and shown: address, street, locality, none.</summary>
    public static string Name(PlacePrecision precision) => precision switch
    {
        PlacePrecision.Address => "address",
        PlacePrecision.Street => "street",
        PlacePrecision.Locality => "locality",
        _ => "none",
    };

    /// <summary>
    /// The rank that decides whether a location replaces the one a store has: precision first, then how sure the source
    /// is (3 coordinates or the city field, 2 the address text, 1 the store's name, 0 a street among its chain's localities).
    /// A location replaces another of equal or lower rank.
    /// </summary>
    public static int Rank(PlacePrecision precision, int confidence) => precision == PlacePrecision.None ? 0 : ((int)precision * 4) + confidence;
}
