namespace Gogobe.Places;

/// <summary>
/// Places Stores rows offline, best source first: coordinates in the feed (when they fall in Israel; swapped ones are
/// put right), else the centre of the locality the parser found. A row whose fields name no locality is looked for by
/// its name and address among the streets and neighbourhoods of the localities its chain already has stores in.
/// </summary>
public sealed class StorePlacer(LocalityList localities, StreetList streets)
{
    private readonly AddressParser parser = new(localities, streets);

    public LocalityList Localities => localities;

    /// <summary>Places every row; rows of one chain help each other find their localities.</summary>
    public IReadOnlyList<StorePlace> Place(IReadOnlyList<StoreAddress> stores, ChainLocalities? known = null)
    {
        ArgumentNullException.ThrowIfNull(stores);
        var chains = known ?? new ChainLocalities();
        var parsed = stores.Select(parser.Parse).ToList();
        for (var i = 0; i < stores.Count; i++)
        {
            if (parsed[i].Locality is { } locality)
            {
                chains.Add(stores[i].ChainId, locality.Code);
            }
        }

        var places = new StorePlace[stores.Count];
        for (var i = 0; i < stores.Count; i++)
        {
            var address = parsed[i].Locality is null && !AddressParser.IsOnline(stores[i]) ? ByChainStreets(stores[i], parsed[i], chains) : parsed[i];
            places[i] = Place(stores[i], address);
        }

        return places;
    }

    public StorePlace Place(StoreAddress store, ParsedAddress address)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(address);
        if (FeedPoint(store.Latitude, store.Longitude) is { } point)
        {
            return new StorePlace(store.ChainId, store.StoreId, point.Lat, point.Lon, PlacePrecision.Address, PlaceSource.Feed,
                PlaceSource.Rank(PlacePrecision.Address, 3), address.Locality, address.Street, address.HouseNumber, null, null);
        }

        if (address.Locality is { } locality)
        {
            return new StorePlace(store.ChainId, store.StoreId, locality.Latitude, locality.Longitude, PlacePrecision.Locality, PlaceSource.Localities,
                PlaceSource.Rank(PlacePrecision.Locality, (int)address.From), locality, address.Street, address.HouseNumber, address.Key, null);
        }

        return new StorePlace(store.ChainId, store.StoreId, null, null, PlacePrecision.None, null, 0, null, null, null, null, address.Note);
    }

    /// <summary>Coordinates inside Israel's box, put right when latitude and longitude were swapped; else null.</summary>
    public static (double Lat, double Lon)? FeedPoint(double? latitude, double? longitude)
    {
        static bool Inside(double lat, double lon) => lat is >= 29.4 and <= 33.4 && lon is >= 34.2 and <= 35.95;
        if (latitude is not { } lat || longitude is not { } lon)
        {
            return null;
        }

        return Inside(lat, lon) ? (lat, lon) : Inside(lon, lat) ? (lon, lat) : null;
    }

    private ParsedAddress ByChainStreets(StoreAddress store, ParsedAddress parsed, ChainLocalities chains)
    {
        var words = Abbreviations.Expand(PlaceText.Words($"{store.Name} {store.Address}"));
        foreach (var code in chains.Of(store.ChainId))
        {
            for (var length = Math.Min(3, words.Count); length >= 1; length--)
            {
                for (var start = 0; start + length <= words.Count; start++)
                {
                    var run = words.Skip(start).Take(length).ToList();
                    if ((length > 1 || run[0].Length >= 4) && streets.Match(code, run) is { } street && localities.ByCode(code) is { } locality)
                    {
                        return parsed with { Locality = locality, From = LocalityFrom.ChainStreet, Street = street, StreetKnown = true, Note = null };
                    }
                }
            }
        }

        return parsed;
    }
}
