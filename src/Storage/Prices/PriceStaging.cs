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
            importer.WriteText(row.ItemCode);
            importer.WriteBoolean(row.IsInternalCode);
            importer.WriteNumeric(row.Price);
            importer.WriteNumeric(row.UnitPrice);
            importer.WriteInstant(row.PriceUpdatedAt);
            importer.WriteText(row.Name);
            importer.WriteText(row.Manufacturer);
            importer.WriteText(row.Country);
            importer.WriteText(row.Description);
            importer.WriteNumeric(row.Quantity);
            importer.WriteText(row.Unit);
            importer.WriteText(row.UnitText);
            importer.WriteBoolean(row.IsWeighted);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    /// <summary>One row per product key, the last one listed winning, so set-based upserts touch each row once.</summary>
    public static IReadOnlyCollection<PriceChangeRow> Distinct(IReadOnlyList<PriceChangeRow> rows)
    {
        var byKey = new Dictionary<string, PriceChangeRow>(rows.Count, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            byKey[row.ProductKey] = row;
        }

        return byKey.Count == rows.Count ? rows as IReadOnlyCollection<PriceChangeRow> : byKey.Values;
    }
}
