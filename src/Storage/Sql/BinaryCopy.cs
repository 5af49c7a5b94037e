using Npgsql;

namespace Gogobe.Storage.Sql;

/// <summary>The staging tables and binary COPY loads of the set-based writes.</summary>
internal static class BinaryCopy
{
    /// <summary>Creates a transaction's staging table (its statement drops it on commit).</summary>
    public static async Task CreateStageAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string createSql, CancellationToken cancellationToken)
    {
        await using var create = new NpgsqlCommand(createSql, connection, transaction);
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Loads the rows with one COPY statement; <paramref name="writeRow"/> writes a row's columns in the statement's order.</summary>
    public static async Task LoadAsync<T>(
        NpgsqlConnection connection, string copySql, IEnumerable<T> rows, Action<NpgsqlBinaryImporter, T> writeRow, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(copySql, cancellationToken);
        foreach (var row in rows)
        {
            importer.StartRow();
            writeRow(importer, row);
        }

        await importer.CompleteAsync(cancellationToken);
    }
}
