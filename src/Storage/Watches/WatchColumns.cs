using Gogobe.Storage.Sql;
using Npgsql;

namespace Gogobe.Storage.Watches;

/// <summary>Reads <see cref="WatchSql.Columns"/> into a <see cref="WatchRow"/> and writes a condition as stored.</summary>
internal static class WatchColumns
{
    public static string ConditionText(WatchCondition condition) => condition.ToString().ToLowerInvariant();

    public static async Task<List<WatchRow>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadAsync(reader, cancellationToken);
    }

    /// <summary>The watches of the reader's current result.</summary>
    public static async Task<List<WatchRow>> ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var rows = new List<WatchRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var definition = new WatchDefinition(
                reader.GetString(2), reader.GetFieldValue<string[]>(3), reader.GetFieldValue<string[]>(4), reader.GetDoubleOrNull(5),
                reader.GetDoubleOrNull(6), reader.GetDoubleOrNull(7), Enum.Parse<WatchCondition>(reader.GetString(8), ignoreCase: true),
                reader.GetDecimalOrNull(9), reader.GetStringOrNull(10), reader.GetStringOrNull(11));
            rows.Add(new WatchRow(
                reader.GetInt64(0), reader.GetString(1), definition, reader.GetDecimalOrNull(12), reader.GetFieldValue<string[]>(13),
                reader.GetInstant(14), reader.GetInstantOrNull(15), reader.GetInstantOrNull(16)));
        }

        return rows;
    }
}
