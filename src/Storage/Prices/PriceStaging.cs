using Gogobe.Storage.Sql;
using Npgsql;

namespace Gogobe.Storage.Prices;

/// <summary>Binary COPY of the changed rows into the transaction's <c>price_stage</c> table.</summary>
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
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteTextAsync(row.ProductKey, cancellationToken);
            await importer.WriteTextAsync(row.ItemCode, cancellationToken);
            await importer.WriteBooleanAsync(row.IsInternalCode, cancellationToken);
            await importer.WriteNumericAsync(row.Price, cancellationToken);
            await importer.WriteNumericAsync(row.UnitPrice, cancellationToken);
            await importer.WriteInstantAsync(row.PriceUpdatedAt, cancellationToken);
            await importer.WriteTextAsync(row.Name, cancellationToken);
            await importer.WriteTextAsync(row.Manufacturer, cancellationToken);
            await importer.WriteTextAsync(row.Country, cancellationToken);
            await importer.WriteTextAsync(row.Description, cancellationToken);
            await importer.WriteNumericAsync(row.Quantity, cancellationToken);
            await importer.WriteTextAsync(row.Unit, cancellationToken);
            await importer.WriteTextAsync(row.UnitText, cancellationToken);
            await importer.WriteBooleanAsync(row.IsWeighted, cancellationToken);
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
