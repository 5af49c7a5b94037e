using Gogobe.Storage.Sql;
using Npgsql;
using NpgsqlTypes;

namespace Gogobe.Storage.Places;

/// <summary>Where stores are (<c>stores</c> location columns), what geocoders answered (<c>geocode_answers</c>) and their shared clock.</summary>
public sealed class StorePlaces(NpgsqlDataSource dataSource)
{
    /// <summary>The channel each insert into the geocoding queue notifies at its commit.</summary>
    public const string GeocodingChannel = "gogobe_geocoding";

    /// <summary>Stores whose facts changed since they were last placed (or never were), at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<WaitingStore>> ReadWaitingAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(PlaceSql.Waiting);
        command.Parameters.Add(Parameters.Integer("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var stores = new List<WaitingStore>();
        while (await reader.ReadAsync(cancellationToken))
        {
            stores.Add(new WaitingStore(reader.GetString(0), reader.GetString(1), reader.GetStringOrNull(2), reader.GetStringOrNull(3),
                reader.GetStringOrNull(4), reader.GetInt32OrNull(5), reader.GetDoubleOrNull(6), reader.GetDoubleOrNull(7)));
        }

        return stores;
    }

    /// <summary>How many placed stores each chain has in each locality.</summary>
    public async Task<IReadOnlyList<(string ChainId, int LocalityCode, int Stores)>> ReadChainLocalitiesAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(PlaceSql.ChainLocalities);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(string, int, int)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2)));
        }

        return rows;
    }

    /// <summary>Records placements in one statement; a store's location is replaced only by one of equal or higher rank.</summary>
    public async Task<int> WriteAsync(IReadOnlyList<PlaceRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return 0;
        }

        await using var command = dataSource.CreateCommand(PlaceSql.Write);
        command.Parameters.Add(Parameters.TextArray("chain", rows.Select(r => r.ChainId).ToList()));
        command.Parameters.Add(Parameters.TextArray("store", rows.Select(r => r.StoreId).ToList()));
        command.Parameters.Add(Array("lat", NpgsqlDbType.Double, rows.Select(r => r.Latitude)));
        command.Parameters.Add(Array("lon", NpgsqlDbType.Double, rows.Select(r => r.Longitude)));
        command.Parameters.Add(Array("prec", NpgsqlDbType.Text, rows.Select(r => r.Precision)));
        command.Parameters.Add(Array("src", NpgsqlDbType.Text, rows.Select(r => r.Source)));
        command.Parameters.Add(Array("rank", NpgsqlDbType.Integer, rows.Select(r => (int?)r.Rank)));
        command.Parameters.Add(Array("code", NpgsqlDbType.Integer, rows.Select(r => r.LocalityCode)));
        command.Parameters.Add(Array("locality", NpgsqlDbType.Text, rows.Select(r => r.LocalityName)));
        command.Parameters.Add(Array("street", NpgsqlDbType.Text, rows.Select(r => r.Street)));
        command.Parameters.Add(Array("number", NpgsqlDbType.Text, rows.Select(r => r.HouseNumber)));
        command.Parameters.Add(Array("key", NpgsqlDbType.Text, rows.Select(r => r.AddressKey)));
        command.Parameters.Add(Array("reason", NpgsqlDbType.Text, rows.Select(r => r.Reason)));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Places every store with this address whose location ranks no higher; returns how many moved.</summary>
    public async Task<int> ApplyAnswerAsync(GeocodeAnswer answer, int rank, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (!answer.Found)
        {
            return 0;
        }

        await using var command = dataSource.CreateCommand(PlaceSql.Apply);
        command.Parameters.Add(Parameters.Text("key", answer.AddressKey));
        command.Parameters.Add(Parameters.Double("lat", answer.Latitude));
        command.Parameters.Add(Parameters.Double("lon", answer.Longitude));
        command.Parameters.Add(Parameters.Text("prec", answer.Precision));
        command.Parameters.Add(Parameters.Integer("rank", rank));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Places stores at the kept answers for their address when those rank higher than what they have; returns how many moved.</summary>
    public async Task<int> ApplyKeptAnswersAsync(int addressRank, int streetRank, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(PlaceSql.ApplyKept);
        command.Parameters.Add(Parameters.Integer("address_rank", addressRank));
        command.Parameters.Add(Parameters.Integer("street_rank", streetRank));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<GeocodeAnswer?> FindAnswerAsync(string addressKey, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(PlaceSql.FindAnswer);
        command.Parameters.Add(Parameters.Text("key", addressKey));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new GeocodeAnswer(addressKey, reader.GetString(0), reader.GetBoolean(1), reader.GetDoubleOrNull(2), reader.GetDoubleOrNull(3), reader.GetStringOrNull(4))
            : null;
    }

    /// <summary>Keeps an answer; the first answer for an address stays.</summary>
    public async Task SaveAnswerAsync(GeocodeAnswer answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        await using var command = dataSource.CreateCommand(PlaceSql.SaveAnswer);
        command.Parameters.Add(Parameters.Text("key", answer.AddressKey));
        command.Parameters.Add(Parameters.Text("query", answer.Query));
        command.Parameters.Add(new NpgsqlParameter("found", NpgsqlDbType.Boolean) { Value = answer.Found });
        command.Parameters.Add(Parameters.Double("lat", answer.Latitude));
        command.Parameters.Add(Parameters.Double("lon", answer.Longitude));
        command.Parameters.Add(Parameters.Text("prec", answer.Precision));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Takes the next geocoder request slot, shared by every process using this database: returns the instant the
    /// request may go out (now or later) and moves the clock <paramref name="interval"/> past it.
    /// </summary>
    public async Task<DateTimeOffset> ReserveRequestAsync(TimeSpan interval, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(PlaceSql.Reserve);
        command.Parameters.Add(new NpgsqlParameter("interval", NpgsqlDbType.Interval) { Value = interval });
        var at = await command.ExecuteScalarAsync(cancellationToken);
        return new DateTimeOffset(DateTime.SpecifyKind((DateTime)at!, DateTimeKind.Utc));
    }

    /// <summary>No request goes out before <paramref name="until"/> (after a 429 or a server error).</summary>
    public async Task HoldRequestsUntilAsync(DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(PlaceSql.Hold);
        command.Parameters.Add(Parameters.Instant("until", until));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<UnplacedStore>> ListUnplacedAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(PlaceSql.Unplaced);
        command.Parameters.Add(Parameters.Integer("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var stores = new List<UnplacedStore>();
        while (await reader.ReadAsync(cancellationToken))
        {
            stores.Add(new UnplacedStore(reader.GetString(0), reader.GetString(1), reader.GetStringOrNull(2), reader.GetStringOrNull(3),
                reader.GetStringOrNull(4), reader.GetStringOrNull(5) ?? "not placed yet"));
        }

        return stores;
    }

    /// <summary>Queues the addresses a geocoder may place better (stores ranking below <paramref name="rank"/>, no answer yet); returns how many were new.</summary>
    public async Task<int> EnqueueGeocodingAsync(int rank, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(PlaceSql.Enqueue);
        command.Parameters.Add(Parameters.Integer("rank", rank));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Claims the next due request for <paramref name="lease"/>, or null when none is due.</summary>
    public async Task<QueuedAddress?> ClaimGeocodingAsync(TimeSpan lease, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(PlaceSql.Claim);
        command.Parameters.Add(new NpgsqlParameter("lease", NpgsqlDbType.Interval) { Value = lease });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new QueuedAddress(reader.GetString(0), reader.GetString(1), reader.GetStringOrNull(2), reader.GetString(3))
            : null;
    }

    /// <summary>
    /// Listens on <see cref="GeocodingChannel"/>, notified at the commit of each statement that queued addresses (a
    /// trigger, migration 0018), until cancelled or the connection fails (which throws); see <see cref="Notifications.ListenAsync"/>.
    /// </summary>
    public Task ListenForGeocodingAsync(Action queued, Action listening, TimeSpan check, CancellationToken cancellationToken) =>
        Notifications.ListenAsync(dataSource, GeocodingChannel, _ => queued(), listening, check, cancellationToken);

    /// <summary>How long until the next queued request is due (zero or less: one is); null when the queue is empty.</summary>
    public async Task<TimeSpan?> NextGeocodingInAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(PlaceSql.NextDue);
        return await command.ExecuteScalarAsync(cancellationToken) is double seconds ? TimeSpan.FromSeconds(seconds) : null;
    }

    /// <summary>The request is answered: it leaves the queue.</summary>
    public Task FinishGeocodingAsync(string addressKey, CancellationToken cancellationToken = default) =>
        ExecuteAsync(PlaceSql.Done, cancellationToken, Parameters.Text("key", addressKey));

    /// <summary>The geocoder asked to wait: the request is due again at <paramref name="at"/>.</summary>
    public Task PostponeGeocodingAsync(string addressKey, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ExecuteAsync(PlaceSql.Later, cancellationToken, Parameters.Text("key", addressKey), Parameters.Instant("at", at));

    public async Task<int> CountQueuedAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(PlaceSql.Queued);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Array<T>(string name, NpgsqlDbType type, IEnumerable<T> values) =>
        new(name, NpgsqlDbType.Array | type) { Value = values.ToArray() };
}
