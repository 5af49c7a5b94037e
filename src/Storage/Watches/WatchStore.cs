using System.Security.Cryptography;
using Gogobe.Storage.Sql;
using Npgsql;

namespace Gogobe.Storage.Watches;

/// <summary>Users' watches as the API keeps them (<c>watches</c>, <c>watch_users</c>), and their dead letters.</summary>
public sealed class WatchStore(NpgsqlDataSource dataSource)
{
    /// <summary>Records the user on first use, with a new webhook signing secret; returns the user's secret.</summary>
    public async Task<string> EnsureUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(WatchSql.EnsureUser);
        command.Parameters.Add(Parameters.Text("user", userId));
        command.Parameters.Add(Parameters.Text("secret", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))));
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Stores a new watch of <paramref name="userId"/>; null when the user already has <paramref name="maxWatches"/>.</summary>
    public async Task<WatchRow?> CreateAsync(string userId, WatchDefinition watch, int maxWatches, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(watch);
        await EnsureUserAsync(userId, cancellationToken);
        await using var command = dataSource.CreateCommand(WatchSql.Create);
        command.Parameters.Add(Parameters.Text("user", userId));
        command.Parameters.Add(Parameters.Text("product", watch.ProductKey));
        command.Parameters.Add(Parameters.TextArray("chains", [.. watch.Chains]));
        command.Parameters.Add(Parameters.TextArray("stores", [.. watch.Stores]));
        command.Parameters.Add(Parameters.Double("latitude", watch.Latitude));
        command.Parameters.Add(Parameters.Double("longitude", watch.Longitude));
        command.Parameters.Add(Parameters.Double("radius", watch.RadiusKm));
        command.Parameters.Add(Parameters.Text("condition", WatchColumns.ConditionText(watch.Condition)));
        command.Parameters.Add(Parameters.Numeric("threshold", watch.Threshold));
        command.Parameters.Add(Parameters.Text("webhook", watch.WebhookUrl));
        command.Parameters.Add(Parameters.Text("email", watch.Email));
        command.Parameters.Add(Parameters.Integer("max_watches", maxWatches));
        var created = await WatchColumns.ReadAsync(command, cancellationToken);
        return created.Count == 0 ? null : created[0];
    }

    public async Task<WatchRow?> GetAsync(long watchId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(WatchSql.Get);
        command.Parameters.Add(Parameters.BigInt("watch", watchId));
        var found = await WatchColumns.ReadAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>The user's watches, oldest first.</summary>
    public async Task<List<WatchRow>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(WatchSql.OfUser);
        command.Parameters.Add(Parameters.Text("user", userId));
        return await WatchColumns.ReadAsync(command, cancellationToken);
    }

    /// <summary>Deletes the watch when it belongs to <paramref name="userId"/>, with its notifications not yet delivered.</summary>
    public async Task<bool> DeleteAsync(long watchId, string userId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(WatchSql.Delete);
        command.Parameters.Add(Parameters.BigInt("watch", watchId));
        command.Parameters.Add(Parameters.Text("user", userId));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>The user's deliveries that failed every attempt, newest first.</summary>
    public async Task<List<DeadLetter>> DeadLettersAsync(string userId, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(WatchSql.DeadLetters);
        command.Parameters.Add(Parameters.Text("user", userId));
        command.Parameters.Add(Parameters.Integer("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var letters = new List<DeadLetter>();
        while (await reader.ReadAsync(cancellationToken))
        {
            letters.Add(new DeadLetter(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetGuid(3), reader.GetString(4), reader.GetInt32(5),
                reader.GetStringOrNull(6), reader.GetInstant(7), reader.GetInstantOrNull(8)));
        }

        return letters;
    }
}
