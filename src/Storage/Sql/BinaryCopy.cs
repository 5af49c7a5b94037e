using Npgsql;

namespace Gogobe.Storage.Sql;

/// <summary>The staging tables and binary COPY loads of the set-based writes.</summary>
internal static class BinaryCopy
{
    /// <summary>Rows are sent in chunks of about this many bytes: one network write each.</summary>
    private const int ChunkBytes = 1 << 16;

    /// <summary>Creates a transaction's staging table (its statement drops it on commit).</summary>
    public static async Task CreateStageAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string createSql, CancellationToken cancellationToken)
    {
        await using var create = new NpgsqlCommand(createSql, connection, transaction);
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Loads the rows with one COPY statement; <paramref name="writeRow"/> writes a row's columns in the statement's
    /// order. When anything fails before the last row is sent, the COPY is cancelled: none of its rows are kept.
    /// </summary>
    public static async Task LoadAsync<T>(
        NpgsqlConnection connection, string copySql, IEnumerable<T> rows, Action<CopyColumns, T> writeRow, CancellationToken cancellationToken)
    {
        using var columns = new CopyColumns();
        await using var stream = await connection.BeginRawBinaryCopyAsync(copySql, cancellationToken);
        try
        {
            columns.WriteHeader();
            foreach (var row in rows)
            {
                columns.StartRow();
                writeRow(columns, row);
                columns.EndRow();
                if (columns.Length >= ChunkBytes)
                {
                    await stream.WriteAsync(columns.Written, cancellationToken);
                    columns.Clear();
                }
            }

            columns.WriteTrailer();
            await stream.WriteAsync(columns.Written, cancellationToken);
        }
        catch (Exception)
        {
            // Disposing a raw COPY stream completes the COPY; a failed load must end it with CopyFail instead. When the
            // connection itself failed there is nothing to cancel: the transaction fails with the first error.
            try
            {
                await stream.CancelAsync();
            }
            catch (Exception cancelFailure) when (cancelFailure is NpgsqlException or IOException or ObjectDisposedException or InvalidOperationException)
            {
            }

            throw;
        }
    }
}
