using Gogobe.Places;
using Gogobe.Storage.Places;
using Gogobe.Storage.Stores;
using Gogobe.Testing;
using Npgsql;

namespace Gogobe.Storage.Tests.Places;

/// <summary>Best location wins, geocoder answers are kept for good, and the geocoder's clock is one for all processes.</summary>
public sealed class StorePlacesTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Day1 = new(2026, 2, 1, 3, 0, 0, TimeSpan.Zero);
    private readonly StoreDirectory directory = new(database.DataSource);
    private readonly StorePlaces places = new(database.DataSource);

    [Fact]
    public async Task A_newer_file_with_a_worse_address_never_erases_a_better_location()
    {
        const string chain = "7290058140886";
        await directory.UpsertAsync(Row(chain, "035", "המתכנן 8", "אשקלון"), Day1, "imp-1");
        await directory.UpsertAsync(Row(chain, "036", "הרצל 1", "חיפה", 32.81, 35.0), Day1, "imp-1");
        await PlaceWaitingAsync();
        var ashkelon = await LocationAsync(chain, "035");
        var published = await LocationAsync(chain, "036");

        await directory.UpsertAsync(Row(chain, "035", "unknown", "0") with { Name = "סניף" }, Day1.AddDays(1), "imp-2");
        await directory.UpsertAsync(Row(chain, "036", "הרצל 1", "חיפה"), Day1.AddDays(1), "imp-2");
        await PlaceWaitingAsync();

        Assert.Equal(("locality", "localities", 31.67, 34.57), Rounded(ashkelon));
        Assert.Equal(ashkelon, await LocationAsync(chain, "035"));
        Assert.Equal(("address", "feed", 32.81, 35.0), Rounded(published));
        Assert.Equal(published, await LocationAsync(chain, "036"));

        await directory.UpsertAsync(Row(chain, "035", "הנביאים 5", "חיפה"), Day1.AddDays(2), "imp-3");
        await PlaceWaitingAsync();
        Assert.Equal(("locality", "localities", 32.8, 35.01), Rounded(await LocationAsync(chain, "035")));
    }

    [Fact]
    public async Task Unplaced_stores_say_why()
    {
        await directory.UpsertAsync(Row("7290000000777", "1", "unknown", "unknown") with { Name = "איירפורט סיטי" }, Day1, "imp-1");
        await PlaceWaitingAsync();

        var unplaced = await places.ListUnplacedAsync(100);

        Assert.Contains(unplaced, s => s.StoreId == "1" && s.Reason == "no locality in city, address or name");
    }

    [Fact]
    public async Task Geocoder_answers_found_or_not_survive_a_restart()
    {
        await places.SaveAnswerAsync(new GeocodeAnswer("5000|אבן גבירול|71", "אבן גבירול 71, תל אביב-יפו", true, 32.08, 34.78, "address"));
        await places.SaveAnswerAsync(new GeocodeAnswer("5000|אין כזה|1", "אין כזה 1, תל אביב-יפו", false, null, null, null));

        await using var restarted = NpgsqlDataSource.Create(database.ConnectionString);
        var again = new StorePlaces(restarted);

        Assert.Equal(new GeocodeAnswer("5000|אבן גבירול|71", "אבן גבירול 71, תל אביב-יפו", true, 32.08, 34.78, "address"), await again.FindAnswerAsync("5000|אבן גבירול|71"));
        Assert.False((await again.FindAnswerAsync("5000|אין כזה|1"))!.Found);
        Assert.Null(await again.FindAnswerAsync("5000|לא נשאל|1"));
    }

    [Fact]
    public async Task Two_processes_share_one_request_clock()
    {
        var interval = TimeSpan.FromMilliseconds(250);
        await using var other = NpgsqlDataSource.Create(database.ConnectionString);
        var silos = new[] { places, new StorePlaces(other) };

        var slots = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => silos[i % 2].ReserveRequestAsync(interval)));

        var ordered = slots.Order().ToList();
        Assert.All(ordered.Zip(ordered.Skip(1)), pair => Assert.True(pair.Second - pair.First >= interval, $"{pair.First:O} then {pair.Second:O}"));
    }

    private static StoreRow Row(string chain, string store, string address, string city, double? lat = null, double? lon = null) =>
        new(chain, store, "רמי לוי", "001", null, "סניף", address, city, null, 1, lat, lon);

    private static (string?, string?, double, double) Rounded((string? Precision, string? Source, double? Lat, double? Lon) l) =>
        (l.Precision, l.Source, Math.Round(l.Lat ?? 0, 2), Math.Round(l.Lon ?? 0, 2));

    private async Task PlaceWaitingAsync()
    {
        var waiting = await places.ReadWaitingAsync(1000);
        var placed = OfficialLists.Get.Placer().Place(waiting.Select(w => new StoreAddress(w.ChainId, w.StoreId, w.Name, w.Address, w.City, w.StoreType, w.FeedLatitude, w.FeedLongitude)).ToList());
        await places.WriteAsync(placed.Select(p => new PlaceRow(p.ChainId, p.StoreId, p.Latitude, p.Longitude, p.Placed ? PlaceSource.Name(p.Precision) : null,
            p.Source, p.Rank, p.Locality?.Code, p.Locality?.Name, p.Street, p.HouseNumber, p.AddressKey, p.Reason)).ToList());
    }

    private async Task<(string? Precision, string? Source, double? Lat, double? Lon)> LocationAsync(string chain, string store)
    {
        await using var command = database.DataSource.CreateCommand("SELECT location_precision, location_source, latitude, longitude FROM stores WHERE chain_id = @c AND store_id = @s");
        command.Parameters.AddWithValue("c", chain);
        command.Parameters.AddWithValue("s", store);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetDouble(2), reader.IsDBNull(3) ? null : reader.GetDouble(3));
    }
}
