using Gogobe.Storage.Sql;
using Npgsql;

namespace Gogobe.Storage.Stores;

/// <summary>
/// The localities that have stores, found by the start of their name (or, failing that, a part of it), each with the
/// centre of its located stores: where a shopper who picks a locality instead of sharing their position is placed.
/// </summary>
public sealed class StoreLocalities(NpgsqlDataSource dataSource)
{
    private const string FindSql = """
        SELECT coalesce(locality_name, city) AS place, min(locality_code), avg(latitude), avg(longitude), count(*)::int,
               bool_or(coalesce(locality_name, city) LIKE @starts) AS starts
        FROM stores
        WHERE latitude IS NOT NULL AND coalesce(locality_name, city) LIKE @contains
        GROUP BY place
        ORDER BY starts DESC, count(*) DESC, place
        LIMIT @limit
        """;

    public async Task<IReadOnlyList<LocalityPoint>> FindAsync(string text, int limit, CancellationToken cancellationToken)
    {
        var pattern = text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
        await using var command = dataSource.CreateCommand(FindSql);
        command.Parameters.Add(Parameters.Text("starts", pattern + "%"));
        command.Parameters.Add(Parameters.Text("contains", "%" + pattern + "%"));
        command.Parameters.Add(Parameters.Integer("limit", limit));
        var found = new List<LocalityPoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new LocalityPoint(reader.GetString(0), reader.GetInt32OrNull(1), Math.Round(reader.GetDouble(2), 5), Math.Round(reader.GetDouble(3), 5), reader.GetInt32(4)));
        }

        return found;
    }
}
