using Gogobe.Storage.Sql;
using Npgsql;

namespace Gogobe.Storage.Prices;

/// <summary>
/// Binary COPY of the changed rows into the transaction's <c>price_stage</c> table. The table has no index: the rows
/// are made distinct by product key here, and the set-based statements join it whole.
/// </summary>
internal static class PriceStaging
{
    public static async Task StageAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<PriceChangeRow> rows, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand(PriceListSql.CreateStage, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var importer = await connection.BeginBinaryImportAsync(PriceListSql.CopyStage, cancellationToken);
        foreach (var row in rows)
        {
            importer.StartRow();
            importer.WriteText(row.ProductKey);
            importer.WriteNumeric(row.Price);
            importer.WriteNumeric(row.UnitPrice);
            importer.WriteInstant(row.PriceUpdatedAt);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    /// <summary>A store's first list: its prices and their first history rows, copied straight into the tables.</summary>
    public static async Task CopyFirstListAsync(NpgsqlConnection connection, PriceListChange change, IReadOnlyCollection<PriceChangeRow> rows, CancellationToken cancellationToken)
    {
        await using (var prices = await connection.BeginBinaryImportAsync(PriceListSql.CopyPrices, cancellationToken))
        {
            foreach (var row in rows)
            {
                prices.StartRow();
                prices.WriteText(change.ChainId);
                prices.WriteText(change.StoreId);
                prices.WriteText(row.ProductKey);
                prices.WriteNumeric(row.Price);
                prices.WriteNumeric(row.UnitPrice);
                prices.WriteBoolean(true);
                prices.WriteInstant(row.PriceUpdatedAt);
                prices.WriteInstant(change.FileAt);
            }

            await prices.CompleteAsync(cancellationToken);
        }

        await using var changes = await connection.BeginBinaryImportAsync(PriceListSql.CopyChanges, cancellationToken);
        foreach (var row in rows)
        {
            changes.StartRow();
            changes.WriteText(change.ChainId);
            changes.WriteText(change.StoreId);
            changes.WriteText(row.ProductKey);
            changes.WriteNumeric(row.Price);
            changes.WriteNull();
            changes.WriteInstant(row.PriceUpdatedAt ?? change.FileAt);
            changes.WriteText(change.ImportId);
        }

        await changes.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// One row per product key, the last one listed winning, so set-based upserts touch each row once; ordered by key,
    /// so that index entries go in sequence (a file's own order scatters them over the product index).
    /// </summary>
    public static IReadOnlyCollection<PriceChangeRow> Distinct(IReadOnlyList<PriceChangeRow> rows)
    {
        var byKey = new Dictionary<string, PriceChangeRow>(rows.Count, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            byKey[row.ProductKey] = row;
        }

        var distinct = byKey.Values.ToArray();
        Array.Sort(distinct, static (a, b) => string.CompareOrdinal(a.ProductKey, b.ProductKey));
        return distinct;
    }
}
