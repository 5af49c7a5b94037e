using Gogobe.Storage.Sql;
using Npgsql;

namespace Gogobe.Storage.Products;

/// <summary>
/// What a search index needs of every product (its key, name, normalised name and the facts a search hit shows), read
/// whole or as the rows changed since a moment of the database's clock.
/// </summary>
public sealed class ProductNames(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "p.product_key, p.name, p.manufacturer, p.barcode, p.chain_id, COALESCE(p.search_name, ''), COALESCE(pm.master_id, p.product_key)";

    private const string From = "products p LEFT JOIN product_masters pm ON pm.product_key = p.product_key";

    /// <summary>Every product with its master product, with the database's clock when the read began.</summary>
    public Task<ProductNameBatch> AllAsync(CancellationToken cancellationToken) =>
        ReadAsync($"SELECT {Columns} FROM {From}", null, cancellationToken);

    /// <summary>
    /// The products written (inserted, or given a fact they lacked) or matched to a master product at or after
    /// <paramref name="since"/> by the database's clock. A row's time is its transaction's start, so a caller asks again
    /// from a little before its last read. A match forgotten (deleted) shows when the product is matched again.
    /// </summary>
    public Task<ProductNameBatch> ChangedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        ReadAsync(
            $"SELECT {Columns} FROM {From} WHERE p.updated_at >= @since UNION ALL SELECT {Columns} FROM {From} WHERE pm.matched_at >= @since AND p.updated_at < @since",
            since, cancellationToken);

    private async Task<ProductNameBatch> ReadAsync(string sql, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        DateTimeOffset readAt;
        await using (var clock = new NpgsqlCommand("SELECT now()", connection, transaction))
        await using (var reader = await clock.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            readAt = reader.GetInstant(0);
        }

        var rows = new List<ProductNameRow>();
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            if (since is { } value)
            {
                command.Parameters.Add(Parameters.Instant("since", value));
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = reader.GetString(0);
                var master = reader.GetString(6);
                rows.Add(new ProductNameRow(
                    key, reader.GetString(1), reader.GetStringOrNull(2), reader.GetStringOrNull(3), reader.GetStringOrNull(4), reader.GetString(5),
                    master == key ? key : master));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new ProductNameBatch(readAt, rows);
    }
}

/// <summary>
/// A product as search sees it; <paramref name="SearchName"/> is its name normalised by <c>gogobe_search_text</c>,
/// <paramref name="MasterId"/> its master product (ADR 0019; its own key when no other product joined it).
/// </summary>
public sealed record ProductNameRow(string Key, string Name, string? Manufacturer, string? Barcode, string? ChainId, string SearchName, string MasterId);

/// <summary>Rows read in one snapshot, and the database's clock when it began.</summary>
public sealed record ProductNameBatch(DateTimeOffset ReadAt, IReadOnlyList<ProductNameRow> Rows);
