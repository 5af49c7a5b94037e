using System.Globalization;
using System.Text;
using Gogobe.Storage.Sql;
using Npgsql;

namespace Gogobe.Storage.Products;

/// <summary>
/// Finds products by key (a barcode, its first digits, or a full <c>chainId:code</c>) or by the words of their name in
/// any order. Each word must appear in the normalised name (<c>products.search_name</c>, trigram-indexed); names that
/// start with the words come first, then the most similar, then the shortest.
/// </summary>
public sealed class ProductFinder(NpgsqlDataSource dataSource)
{
    /// <summary>Names matching every word are ranked among at most this many.</summary>
    private const int Candidates = 2000;

    private const string ByKeySql = """
        SELECT product_key, name, manufacturer, barcode, chain_id, CASE WHEN product_key = @q THEN 1.0 ELSE 0.5 END
        FROM products
        WHERE product_key = @q OR product_key LIKE @prefix
        ORDER BY product_key = @q DESC, length(product_key), product_key
        LIMIT @limit
        """;

    /// <summary>The product with this key first, then (for digits) the products whose key starts with them, shortest first.</summary>
    public async Task<IReadOnlyList<SearchHit>> ByKeyAsync(string key, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ByKeySql);
        command.Parameters.Add(Parameters.Text("q", key));
        command.Parameters.Add(Parameters.Text("prefix", key.All(char.IsAsciiDigit) ? key + "%" : key));
        command.Parameters.Add(Parameters.Integer("limit", limit));
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>Products whose normalised name holds every one of <paramref name="words"/> (already normalised).</summary>
    public async Task<IReadOnlyList<SearchHit>> ByWordsAsync(IReadOnlyList<string> words, int limit, CancellationToken cancellationToken)
    {
        if (words.Count == 0)
        {
            return [];
        }

        var match = new StringBuilder();
        await using var command = dataSource.CreateCommand();
        for (var i = 0; i < words.Count; i++)
        {
            match.Append(i == 0 ? "" : " AND ").Append("search_name LIKE @w").Append(i);
            command.Parameters.Add(Parameters.Text($"w{i}", $"%{words[i]}%"));
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
        command.Parameters.Add(Parameters.Text("starts", normalised + "%"));
        command.Parameters.Add(Parameters.Text("normalised", normalised));
        command.Parameters.Add(Parameters.Integer("limit", limit));
        return await ReadAsync(command, cancellationToken);
    }

    private static async Task<IReadOnlyList<SearchHit>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var matches = new List<SearchHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            matches.Add(new SearchHit(
                reader.GetString(0), reader.GetString(1), reader.GetStringOrNull(2), reader.GetStringOrNull(3), reader.GetStringOrNull(4),
                Convert.ToDouble(reader.GetValue(5), CultureInfo.InvariantCulture)));
        }

        return matches;
    }
}
