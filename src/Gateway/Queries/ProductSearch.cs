using System.ComponentModel;
using System.Text;
using Gogobe.Contracts.Geo;
using Gogobe.Gateway.Apis;
using Npgsql;
using NpgsqlTypes;

namespace Gogobe.Gateway.Queries;

/// <summary>
/// Finds products by barcode (or its prefix) or by the words of their name in any order. Each word must appear in the
/// normalised name (<c>products.search_name</c>, trigram-indexed); names that start with the query come first, then
/// the most similar, then the shortest.
/// </summary>
public sealed class ProductSearch(NpgsqlDataSource dataSource)
{
    public const int MaxWords = 8;
    private const int Candidates = 2000;

    private const string ByKey = """
        SELECT product_key, name, manufacturer, barcode, chain_id, CASE WHEN product_key = @q THEN 1.0 ELSE 0.5 END
        FROM products
        WHERE product_key = @q OR product_key LIKE @prefix
        ORDER BY product_key = @q DESC, length(product_key), product_key
        LIMIT @limit
        """;

    public async Task<CachedHits> SearchAsync(string query, int limit, CancellationToken cancellationToken)
    {
        var trimmed = query.Trim();
        await using var command = IsKeyQuery(trimmed) ? KeyCommand(trimmed, limit) : WordsCommand(trimmed, limit);
        if (command is null)
        {
            return new CachedHits([]);
        }

        var hits = new List<SearchHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new SearchHit(reader.GetString(0), reader.GetString(1), Text(reader, 2), Text(reader, 3), Text(reader, 4), Convert.ToDouble(reader.GetValue(5), System.Globalization.CultureInfo.InvariantCulture)));
        }

        return new CachedHits([.. hits]);
    }

    /// <summary>Digits (a barcode or its first digits) or a full <c>chainId:code</c> key.</summary>
    public static bool IsKeyQuery(string query) =>
        (query.Length >= 3 && query.All(char.IsAsciiDigit)) || (query.Contains(':', StringComparison.Ordinal) && ProductKeyInput.IsValid(query));

    private NpgsqlCommand KeyCommand(string query, int limit)
    {
        var command = dataSource.CreateCommand(ByKey);
        command.Parameters.Add(new NpgsqlParameter("q", NpgsqlDbType.Text) { Value = query });
        command.Parameters.Add(new NpgsqlParameter("prefix", NpgsqlDbType.Text) { Value = query.All(char.IsAsciiDigit) ? query + "%" : query });
        command.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = limit });
        return command;
    }

    private NpgsqlCommand? WordsCommand(string query, int limit)
    {
        var words = SearchText.Words(query).Take(MaxWords).ToList();
        if (words.Count == 0)
        {
            return null;
        }

        var match = new StringBuilder();
        var command = dataSource.CreateCommand();
        for (var i = 0; i < words.Count; i++)
        {
            match.Append(i == 0 ? "" : " AND ").Append("search_name LIKE @w").Append(i);
            command.Parameters.Add(new NpgsqlParameter($"w{i}", NpgsqlDbType.Text) { Value = $"%{words[i]}%" });
        }

        command.CommandText = $"""
            WITH candidates AS (
                SELECT product_key, name, manufacturer, barcode, chain_id, search_name FROM products
                WHERE {match} LIMIT {Candidates})
            SELECT product_key, name, manufacturer, barcode, chain_id,
                   (CASE WHEN search_name LIKE @starts THEN 1 ELSE 0 END + similarity(search_name, @normalised))::float8 AS score
            FROM candidates
            ORDER BY score DESC, length(search_name), product_key
            LIMIT @limit
            """;
        var normalised = string.Join(' ', words);
        command.Parameters.Add(new NpgsqlParameter("starts", NpgsqlDbType.Text) { Value = normalised + "%" });
        command.Parameters.Add(new NpgsqlParameter("normalised", NpgsqlDbType.Text) { Value = normalised });
        command.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = limit });
        return command;
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    [ImmutableObject(true)]
    public sealed record CachedHits(SearchHit[] Hits);
}
