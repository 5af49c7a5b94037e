using Gogobe.Places.Geocoding;
using Gogobe.Storage.Places;
using Gogobe.Storage.Schema;
using Gogobe.Storage.Stores;
using Gogobe.Testing;
using Npgsql;

namespace Gogobe.Grains.Tests.Geo;

/// <summary>The geocoder service against a local server speaking Nominatim's API, with the queue, cache and clock in PostgreSQL.</summary>
public sealed class GeocoderTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Day1 = new(2026, 2, 1, 3, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase database = new();
    private readonly FakeNominatim server = new();
    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await SchemaMigrator.MigrateAsync(dataSource);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await dataSource.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Every_street_address_gets_its_own_point_and_no_address_found_or_not_is_asked_twice_across_a_restart()
    {
        server.Answer = (street, city) => city == "חיפה" ? (200, "[]", TimeSpan.Zero, null) : (200, FakeNominatim.House(street, city), TimeSpan.Zero, null);
        var directory = new StoreDirectory(dataSource);
        string[][] stores =
        [
            ["1", "בן יהודה 79", "תל אביב"], ["2", "רח' בן-יהודה 79", "ת\"א"], ["3", "אבן גבירול 71", "תל אביב - יפו"],
            ["4", "דיזנגוף 50", "תל אביב"], ["5", "unknown", "unknown"], ["6", "הרצל 1", "חיפה"],
        ];
        foreach (var s in stores)
        {
            await directory.UpsertAsync(new StoreRow("7290000000001", s[0], "רשת", null, null, "סניף", s[1], s[2], null, 1, null, null), Day1, "imp-1");
        }

        var placesBefore = new StorePlaces(dataSource);
        await GeocodingPass.PlaceAndQueueAsync(placesBefore);
        await GeocodingPass.DrainAsync(placesBefore, GeocodingPass.Geocoder(placesBefore, server.Url, 50));

        await using var restarted = NpgsqlDataSource.Create(database.ConnectionString);
        var placesAfter = new StorePlaces(restarted);
        await directory.UpsertAsync(new StoreRow("7290000000001", "7", "רשת", null, null, "סניף", "בן יהודה 79", "תל אביב-יפו", null, 1, null, null), Day1, "imp-2");
        await directory.UpsertAsync(new StoreRow("7290000000001", "8", "רשת", null, null, "סניף", "הרצל 1", "חיפה", null, 1, null, null), Day1, "imp-2");
        await GeocodingPass.PlaceAndQueueAsync(placesAfter);
        await GeocodingPass.DrainAsync(placesAfter, GeocodingPass.Geocoder(placesAfter, server.Url, 50));

        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(4, server.Requests.Select(r => (r.Street, r.City)).Distinct().Count());
        Assert.All(server.Requests, r => Assert.StartsWith("Gogobe/", r.UserAgent, StringComparison.Ordinal));
        var located = await LocationsAsync();
        Assert.All(located.Where(l => l.Store is not ("5" or "6" or "8")), l => Assert.Equal(("address", "geocoder"), (l.Precision, l.Source)));
        Assert.All(located.Where(l => l.Store is "6" or "8"), l => Assert.Equal(("locality", "localities"), (l.Precision, l.Source)));
        Assert.False((await placesAfter.FindAnswerAsync(located.Single(l => l.Store == "6").Key!))?.Found);
        Assert.Equal(located.Single(l => l.Store == "1").Point, located.Single(l => l.Store == "7").Point);
        var telAviv = located.Where(l => l.Store is "1" or "2" or "3" or "4" or "7").ToList();
        Assert.Equal(3, telAviv.Select(l => l.Point).Distinct().Count());
        Assert.Equal(0, await placesAfter.CountQueuedAsync());
    }

    [Fact]
    public async Task Refusals_failures_and_slow_answers_wait_and_are_asked_again_while_empty_answers_are_kept()
    {
        var client = new NominatimClient(new HttpClient { Timeout = TimeSpan.FromSeconds(2) }, server.Url, TimeSpan.FromSeconds(7));
        var query = new GeocodeQuery("5000|דיזנגוף|50", "דיזנגוף", "50", "תל אביב-יפו");
        var replies = new List<GeocoderReply>();
        foreach (var answer in new[] { (429, "", TimeSpan.Zero, (int?)60), (503, "", TimeSpan.Zero, null), (200, "[]", TimeSpan.Zero, null), (200, "[]", TimeSpan.FromSeconds(5), null), (200, "not json", TimeSpan.Zero, null) })
        {
            server.Answer = (_, _) => answer;
            replies.Add(await client.SearchAsync(query, CancellationToken.None));
        }

        Assert.Equal([GeocoderVerdict.RetryLater, GeocoderVerdict.RetryLater, GeocoderVerdict.NotFound, GeocoderVerdict.RetryLater, GeocoderVerdict.RetryLater], replies.Select(r => r.Verdict));
        Assert.Equal(TimeSpan.FromSeconds(60), replies[0].RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(7), replies[1].RetryAfter);

        var places = new StorePlaces(dataSource);
        server.Answer = (_, _) => (429, "", TimeSpan.Zero, 120);
        var wait = await GeocodingPass.Geocoder(places, server.Url, 50).GeocodeAsync(query, CancellationToken.None);
        var nextSlot = await places.ReserveRequestAsync(TimeSpan.FromMilliseconds(20));
        Assert.Equal(TimeSpan.FromSeconds(120), wait);
        Assert.True(nextSlot >= DateTimeOffset.UtcNow.AddSeconds(100), $"next request at {nextSlot:O}");
        Assert.Null(await places.FindAnswerAsync(query.AddressKey));
    }

    [Fact]
    public async Task Two_silos_keep_the_cluster_to_the_configured_rate()
    {
        await using var other = NpgsqlDataSource.Create(database.ConnectionString);
        var silos = new[] { GeocodingPass.Geocoder(new StorePlaces(dataSource), server.Url, 4), GeocodingPass.Geocoder(new StorePlaces(other), server.Url, 4) };
        var queries = Enumerable.Range(1, 8).Select(i => new GeocodeQuery($"4000|הרצל|{i}", "הרצל", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "חיפה")).ToList();

        await Task.WhenAll(queries.Select((q, i) => silos[i % 2].GeocodeAsync(q, CancellationToken.None)));

        var arrivals = server.Requests.Select(r => r.At).Order().ToList();
        Assert.Equal(8, arrivals.Count);
        Assert.True(arrivals[^1] - arrivals[0] >= TimeSpan.FromMilliseconds((7 * 250) - 150), $"8 requests from {arrivals[0]:O} to {arrivals[^1]:O}");
        Assert.All(arrivals, start => Assert.True(arrivals.Count(a => a >= start && a < start.AddSeconds(1)) <= 4 + 1, $"more than 4 (+1 for jitter) requests in the second from {start:O}"));
    }

    [Fact]
    public async Task An_address_whose_silo_stopped_before_finishing_comes_back_after_its_lease_and_is_not_asked_again()
    {
        await new StoreDirectory(dataSource).UpsertAsync(new StoreRow("7290000000001", "1", "רשת", null, null, "סניף", "דיזנגוף 50", "תל אביב", null, 1, null, null), Day1, "imp-1");
        var stoppedSilo = new StorePlaces(dataSource);
        await GeocodingPass.PlaceAndQueueAsync(stoppedSilo);
        var claimed = await stoppedSilo.ClaimGeocodingAsync(TimeSpan.FromSeconds(3));
        Assert.NotNull(claimed);
        Assert.Null(await GeocodingPass.Geocoder(stoppedSilo, server.Url, 50).GeocodeAsync(new GeocodeQuery(claimed.AddressKey, claimed.Street, claimed.HouseNumber, claimed.Locality), CancellationToken.None));

        await using var otherSource = NpgsqlDataSource.Create(database.ConnectionString);
        var otherSilo = new StorePlaces(otherSource);
        Assert.Null(await otherSilo.ClaimGeocodingAsync(TimeSpan.FromMinutes(1)));
        QueuedAddress? again = null;
        await Eventually.TrueAsync(async () => (again = await otherSilo.ClaimGeocodingAsync(TimeSpan.FromMinutes(1))) is not null, TimeSpan.FromSeconds(30), () => "the stopped silo's claim never came back");
        Assert.Null(await GeocodingPass.Geocoder(otherSilo, server.Url, 50).GeocodeAsync(new GeocodeQuery(again!.AddressKey, again.Street, again.HouseNumber, again.Locality), CancellationToken.None));
        await otherSilo.FinishGeocodingAsync(again.AddressKey);

        Assert.Equal(claimed.AddressKey, again.AddressKey);
        Assert.Single(server.Requests);
        Assert.Equal(0, await otherSilo.CountQueuedAsync());
        Assert.Equal(("address", "geocoder"), (await LocationsAsync()).Select(l => (l.Precision, l.Source)).Single());
    }

    private async Task<List<(string Store, string? Precision, string? Source, (double, double) Point, string? Key)>> LocationsAsync()
    {
        await using var command = dataSource.CreateCommand("SELECT store_id, location_precision, location_source, latitude, longitude, address_key FROM stores ORDER BY store_id");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string?, string?, (double, double), string?)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                (reader.IsDBNull(3) ? 0 : reader.GetDouble(3), reader.IsDBNull(4) ? 0 : reader.GetDouble(4)), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return rows;
    }
}
