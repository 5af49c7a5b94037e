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
        await BinaryCopy.CreateStageAsync(connection, transaction, PriceListSql.CreateStage, cancellationToken);
        await BinaryCopy.LoadAsync(connection, PriceListSql.CopyStage, rows, static (importer, row) =>
        {
            importer.WriteText(row.ProductKey);
            importer.WriteNumeric(row.Price);
            importer.WriteNumeric(row.UnitPrice);
            importer.WriteInstant(row.PriceUpdatedAt);
        }, cancellationToken);
    }

    /// <summary>A store's first list: its prices, each seen for the first time, copied straight into store_prices.</summary>
    public static Task CopyFirstListAsync(
        NpgsqlConnection connection, PriceListChange change, long? importSeq, IReadOnlyCollection<PriceChangeRow> rows, CancellationToken cancellationToken) =>
        BinaryCopy.LoadAsync(connection, PriceListSql.CopyPrices, rows, (prices, row) =>
        {
            prices.WriteText(change.ChainId);
            prices.WriteText(change.StoreId);
            prices.WriteText(row.ProductKey);
            prices.WriteNumeric(row.Price);
            prices.WriteNumeric(row.UnitPrice);
            prices.WriteBoolean(true);
            prices.WriteInstant(row.PriceUpdatedAt);
            prices.WriteInstant(change.FileAt);
            prices.WriteInstant(row.PriceUpdatedAt ?? change.FileAt);
            prices.WriteBigInt(importSeq);
        }, cancellationToken);

    /// <summary>
    /// One row per product key, the last one listed winning, so set-based upserts touch each row once; ordered by key,
    /// so that index entries go in sequence (a file's own order scatters them over the product index). Rows already in
    /// strictly ascending key order (a price list hands them over so) are taken as they are.
    /// </summary>
    public static IReadOnlyCollection<PriceChangeRow> Distinct(IReadOnlyList<PriceChangeRow> rows)
    {
        if (StrictlyAscending(rows))
        {
            return rows;
        }

        var byKey = new Dictionary<string, PriceChangeRow>(rows.Count, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            byKey[row.ProductKey] = row;
        }

        var distinct = byKey.Values.ToArray();
        Array.Sort(distinct, static (a, b) => string.CompareOrdinal(a.ProductKey, b.ProductKey));
        return distinct;
    }

    private static bool StrictlyAscending(IReadOnlyList<PriceChangeRow> rows)
    {
        for (var i = 1; i < rows.Count; i++)
        {
            if (string.CompareOrdinal(rows[i - 1].ProductKey, rows[i].ProductKey) >= 0)
            {
                return false;
            }
        }

        return true;
    }
}
