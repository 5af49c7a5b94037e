using Gogobe.Contracts.Geo;
using Gogobe.Grains.Geo;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gogobe.Gateway.Tests;

/// <summary>City names as the feeds write them, folded and resolved against the national localities list.</summary>
public sealed class CityNameTests
{
    private static readonly LocalityDirectory Localities = new(new PlaceLists(Options.Create(new GeoOptions()), NullLogger<PlaceLists>.Instance));

    [Theory]
    [InlineData("תל אביב - יפו", "תל אביב יפו")]
    [InlineData("תל-אביב-יפו", "תל אביב יפו")]
    [InlineData("  תל אביב   יפו ", "תל אביב יפו")]
    [InlineData("קריית שמונה", "קרית שמונה")]
    [InlineData("ראשון לציון", "ראשון לציון")]
    [InlineData("פרדס-חנה כרכור", "פרדס חנה כרכור")]
    [InlineData("בני ברק\"", "בני ברק")]
    [InlineData("Tel Aviv - Yafo", "tel aviv yafo")]
    public void Spellings_fold_together(string written, string expected) => Assert.Equal(expected, CityName.Normalise(written));

    [Theory]
    [InlineData("3000", "code:3000")]
    [InlineData("0070", "code:70")]
    [InlineData("0", null)]
    [InlineData("", null)]
    [InlineData("  ", null)]
    [InlineData("ירושלים", "name:ירושלים")]
    public void Keys_tell_codes_from_names(string city, string? key) => Assert.Equal(key, CityName.Key(city));

    [Theory]
    [InlineData("תל אביב - יפו", 5000)]
    [InlineData("תל אביב יפו", 5000)]
    [InlineData("תל-אביב-יפו", 5000)]
    [InlineData("תל אביב", 5000)]
    [InlineData("Tel Aviv - Yafo", 5000)]
    [InlineData("ירושלים", 3000)]
    [InlineData("3000", 3000)]
    [InlineData("3616", 3616)]
    [InlineData("מגדל העמק", 874)]
    [InlineData("קרית שמונה", 2800)]
    [InlineData("קריית שמונה", 2800)]
    public void Cities_resolve_to_their_locality(string city, int code)
    {
        var locality = Localities.Find(CityName.Key(city)!);
        Assert.NotNull(locality);
        Assert.Equal(code, locality.Code);
        Assert.InRange(locality.Latitude, 29.4, 33.4);
        Assert.InRange(locality.Longitude, 34.2, 35.9);
    }

    [Fact]
    public void Unknown_cities_resolve_to_nothing() => Assert.Null(Localities.Find(CityName.Key("עיר שאינה קיימת")!));
}
