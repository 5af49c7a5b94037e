namespace Gogobe.Storage.Imports;

internal static class ImportLogSql
{
    public const string Columns =
        "import_id, file_name, size_bytes, status, kind, chain_id, store_id, file_at, rows_read, rows_changed, rows_rejected, " +
        "rejections::text, error, attempts, silo, submitted_at, started_at, finished_at, parse_ms, apply_ms, file_at_source";

    public const string Queue = """
        INSERT INTO imports (import_id, file_name, size_bytes, status, submitted_at)
        VALUES (@import, @file_name, @size, 'Queued', @submitted_at)
        ON CONFLICT (import_id) DO NOTHING
        """;

    /// <summary>Queues a failed import again: its file was sent again.</summary>
    public const string Requeue = """
        UPDATE imports SET status = 'Queued', error = NULL, finished_at = NULL, submitted_at = @submitted_at
        WHERE import_id = @import AND status = 'Failed'
        """;

    /// <summary>Ends a queued import whose upload message never reached the broker, so that it does not wait forever.</summary>
    public const string Unqueue = """
        UPDATE imports SET status = 'Failed', error = @error, finished_at = now()
        WHERE import_id = @import AND status = 'Queued'
        """;

    /// <summary>Creates the row as Running, or takes over a row that has not completed; a completed row is left alone.</summary>
    public const string Begin = $"""
        INSERT INTO imports AS i (import_id, file_name, size_bytes, status, attempts, silo, submitted_at, started_at)
        VALUES (@import, @file_name, @size, 'Running', 1, @silo, @submitted_at, now())
        ON CONFLICT (import_id) DO UPDATE SET
            status = 'Running', attempts = i.attempts + 1, silo = excluded.silo, started_at = now(),
            finished_at = NULL, error = NULL
        WHERE i.status <> 'Completed'
        RETURNING {Columns}
        """;

    public const string Complete = """
        UPDATE imports SET status = 'Completed', kind = @kind, chain_id = @chain, store_id = @store, file_at = @file_at, file_at_source = @file_at_source,
            rows_read = @rows_read, rows_changed = @rows_changed, rows_rejected = @rows_rejected, rejections = @rejections,
            parse_ms = @parse_ms, apply_ms = @apply_ms, error = NULL, finished_at = now()
        WHERE import_id = @import
        """;

    public const string Fail = """
        UPDATE imports SET status = 'Failed', error = @error, finished_at = now(),
            kind = COALESCE(@kind, kind), chain_id = COALESCE(@chain, chain_id), store_id = COALESCE(@store, store_id),
            file_at = COALESCE(@file_at, file_at), file_at_source = COALESCE(@file_at_source, file_at_source), rows_read = COALESCE(@rows_read, rows_read),
            rows_changed = COALESCE(@rows_changed, rows_changed), rows_rejected = COALESCE(@rows_rejected, rows_rejected),
            rejections = COALESCE(@rejections, rejections), parse_ms = COALESCE(@parse_ms, parse_ms),
            apply_ms = COALESCE(@apply_ms, apply_ms)
        WHERE import_id = @import AND status <> 'Completed'
        """;

    /// <summary>Ends an import that will not be tried again as Failed, creating its row if no attempt ever began.</summary>
    public const string GiveUp = """
        INSERT INTO imports AS i (import_id, file_name, size_bytes, status, submitted_at, error, finished_at)
        VALUES (@import, @file_name, @size, 'Failed', @submitted_at, @error, now())
        ON CONFLICT (import_id) DO UPDATE SET status = 'Failed', error = excluded.error, finished_at = now()
        WHERE i.status <> 'Completed'
        """;

    /// <summary>Keeps the error of a failed attempt on a running import that will be tried again.</summary>
    public const string NoteRetry = "UPDATE imports SET error = @error WHERE import_id = @import AND status = 'Running'";

    public const string Get = $"SELECT {Columns} FROM imports WHERE import_id = @import";

    public const string Many = $"SELECT {Columns} FROM imports WHERE import_id = ANY(@imports)";

    public const string Recent = $"SELECT {Columns} FROM imports ORDER BY submitted_at DESC, import_id LIMIT @limit";
}
