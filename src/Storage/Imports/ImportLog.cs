using Gogobe.Storage.Sql;
using Npgsql;

namespace Gogobe.Storage.Imports;

/// <summary>
/// The log of imports (<c>imports</c>), one row per distinct file content, keyed by the SHA-256 of its bytes.
/// Queued → Running → Completed or Failed; a failed or interrupted import can be begun again, a completed one cannot.
/// </summary>
public sealed class ImportLog(NpgsqlDataSource dataSource)
{
    /// <summary>Records a file waiting to be imported; returns false when the import is already known.</summary>
    public async Task<bool> QueueAsync(string importId, string fileName, long sizeBytes, DateTimeOffset submittedAt, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ImportLogSql.Queue);
        command.Parameters.Add(Parameters.Text("import", importId));
        command.Parameters.Add(Parameters.Text("file_name", fileName));
        command.Parameters.Add(Parameters.BigInt("size", sizeBytes));
        command.Parameters.Add(Parameters.Instant("submitted_at", submittedAt));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Queues a Failed import again (its file was sent again); returns false when it was not Failed.</summary>
    public async Task<bool> RequeueAsync(string importId, DateTimeOffset submittedAt, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ImportLogSql.Requeue);
        command.Parameters.Add(Parameters.Text("import", importId));
        command.Parameters.Add(Parameters.Instant("submitted_at", submittedAt));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>
    /// Ends a Queued import as Failed with <paramref name="error"/> when its upload message could not be published, so
    /// that nothing waits for it; an import that has begun meanwhile (the message did arrive) is left alone.
    /// </summary>
    public async Task<bool> UnqueueAsync(string importId, string error, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ImportLogSql.Unqueue);
        command.Parameters.Add(Parameters.Text("import", importId));
        command.Parameters.Add(Parameters.Text("error", error));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>
    /// Marks the import Running on behalf of <paramref name="silo"/> and counts the attempt: creates the row, or takes
    /// over a Queued, Failed or interrupted Running one. A Completed import is returned unchanged with Started = false.
    /// </summary>
    public async Task<ImportBegin> TryBeginAsync(
        string importId, string fileName, long sizeBytes, DateTimeOffset submittedAt, string? silo, CancellationToken cancellationToken = default)
    {
        await using (var command = dataSource.CreateCommand(ImportLogSql.Begin))
        {
            command.Parameters.Add(Parameters.Text("import", importId));
            command.Parameters.Add(Parameters.Text("file_name", fileName));
            command.Parameters.Add(Parameters.BigInt("size", sizeBytes));
            command.Parameters.Add(Parameters.Text("silo", silo));
            command.Parameters.Add(Parameters.Instant("submitted_at", submittedAt));
            var started = await ReadAsync(command, cancellationToken);
            if (started.Count > 0)
            {
                return new ImportBegin(true, started[0]);
            }
        }

        var existing = await GetAsync(importId, cancellationToken)
            ?? throw new InvalidOperationException($"Import {importId} was neither created nor found; it may have been deleted concurrently.");
        return new ImportBegin(false, existing);
    }

    /// <summary>Marks the import Completed with what it found and changed; returns false when the import is unknown.</summary>
    public async Task<bool> CompleteAsync(string importId, ImportOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        await using var command = dataSource.CreateCommand(ImportLogSql.Complete);
        command.Parameters.Add(Parameters.Text("import", importId));
        AddOutcome(command, outcome);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>
    /// Marks the import Failed with the error and whatever was known of it; returns false when the import is unknown or
    /// already completed (a completed import is never turned into a failure).
    /// </summary>
    public async Task<bool> FailAsync(string importId, string error, ImportOutcome? known = null, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ImportLogSql.Fail);
        command.Parameters.Add(Parameters.Text("import", importId));
        command.Parameters.Add(Parameters.Text("error", error));
        AddOutcome(command, known);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>
    /// Ends an import that will not be tried again (its upload's deliveries are spent) as Failed with
    /// <paramref name="error"/>, keeping its attempt count; creates the row when no attempt ever began. A completed
    /// import is left alone.
    /// </summary>
    public async Task GiveUpAsync(string importId, string fileName, long sizeBytes, DateTimeOffset submittedAt, string error, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ImportLogSql.GiveUp);
        command.Parameters.Add(Parameters.Text("import", importId));
        command.Parameters.Add(Parameters.Text("file_name", fileName));
        command.Parameters.Add(Parameters.BigInt("size", sizeBytes));
        command.Parameters.Add(Parameters.Instant("submitted_at", submittedAt));
        command.Parameters.Add(Parameters.Text("error", error));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Keeps <paramref name="error"/> on a Running import whose attempt failed and will be tried again, so that its
    /// record tells why it is not done yet; returns false when the import is not running.
    /// </summary>
    public async Task<bool> NoteRetryAsync(string importId, string error, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ImportLogSql.NoteRetry);
        command.Parameters.Add(Parameters.Text("import", importId));
        command.Parameters.Add(Parameters.Text("error", error));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<ImportEntry?> GetAsync(string importId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ImportLogSql.Get);
        command.Parameters.Add(Parameters.Text("import", importId));
        var found = await ReadAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>The imports among <paramref name="importIds"/> that exist, in no particular order.</summary>
    public async Task<IReadOnlyList<ImportEntry>> GetManyAsync(IReadOnlyList<string> importIds, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ImportLogSql.Many);
        command.Parameters.Add(Parameters.TextArray("imports", importIds));
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>The most recently submitted imports, newest first.</summary>
    public async Task<IReadOnlyList<ImportEntry>> ListRecentAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = dataSource.CreateCommand(ImportLogSql.Recent);
        command.Parameters.Add(Parameters.Integer("limit", limit));
        return await ReadAsync(command, cancellationToken);
    }

    private static void AddOutcome(NpgsqlCommand command, ImportOutcome? outcome)
    {
        command.Parameters.Add(Parameters.Text("kind", outcome?.Kind));
        command.Parameters.Add(Parameters.Text("chain", outcome?.ChainId));
        command.Parameters.Add(Parameters.Text("store", outcome?.StoreId));
        command.Parameters.Add(Parameters.Instant("file_at", outcome?.FileAt));
        command.Parameters.Add(Parameters.Text("file_at_source", outcome?.FileAtSource));
        command.Parameters.Add(Parameters.Integer("rows_read", outcome?.RowsRead));
        command.Parameters.Add(Parameters.Integer("rows_changed", outcome?.RowsChanged));
        command.Parameters.Add(Parameters.Integer("rows_rejected", outcome?.RowsRejected));
        command.Parameters.Add(Parameters.Jsonb("rejections", RejectionCounts.ToJson(outcome?.Rejections)));
        command.Parameters.Add(Parameters.Integer("parse_ms", outcome?.ParseMilliseconds));
        command.Parameters.Add(Parameters.Integer("apply_ms", outcome?.ApplyMilliseconds));
    }

    private static async Task<List<ImportEntry>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<ImportEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new ImportEntry(
                ImportId: reader.GetString(0),
                FileName: reader.GetString(1),
                SizeBytes: reader.GetInt64(2),
                Status: Enum.Parse<ImportLogStatus>(reader.GetString(3)),
                Kind: reader.GetStringOrNull(4),
                ChainId: reader.GetStringOrNull(5),
                StoreId: reader.GetStringOrNull(6),
                FileAt: reader.GetInstantOrNull(7),
                RowsRead: reader.GetInt32(8),
                RowsChanged: reader.GetInt32(9),
                RowsRejected: reader.GetInt32(10),
                Rejections: RejectionCounts.FromJson(reader.GetStringOrNull(11)),
                Error: reader.GetStringOrNull(12),
                Attempts: reader.GetInt32(13),
                Silo: reader.GetStringOrNull(14),
                SubmittedAt: reader.GetInstant(15),
                StartedAt: reader.GetInstantOrNull(16),
                FinishedAt: reader.GetInstantOrNull(17),
                ParseMilliseconds: reader.GetInt32OrNull(18),
                ApplyMilliseconds: reader.GetInt32OrNull(19))
            {
                FileAtSource = reader.GetStringOrNull(20),
            });
        }

        return entries;
    }
}
