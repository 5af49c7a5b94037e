using Npgsql;
using NpgsqlTypes;

namespace Gogobe.Storage.Sql;

/// <summary>Binary COPY writes of nullable values with an explicit PostgreSQL type for every column.</summary>
internal static class CopyColumns
{
    public static Task WriteTextAsync(this NpgsqlBinaryImporter importer, string? value, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    public static Task WriteNumericAsync(this NpgsqlBinaryImporter importer, decimal? value, CancellationToken cancellationToken) =>
        value is { } number ? importer.WriteAsync(number, NpgsqlDbType.Numeric, cancellationToken) : importer.WriteNullAsync(cancellationToken);

    public static Task WriteIntegerAsync(this NpgsqlBinaryImporter importer, int? value, CancellationToken cancellationToken) =>
        value is { } number ? importer.WriteAsync(number, NpgsqlDbType.Integer, cancellationToken) : importer.WriteNullAsync(cancellationToken);

    public static Task WriteBooleanAsync(this NpgsqlBinaryImporter importer, bool value, CancellationToken cancellationToken) =>
        importer.WriteAsync(value, NpgsqlDbType.Boolean, cancellationToken);

    public static Task WriteInstantAsync(this NpgsqlBinaryImporter importer, DateTimeOffset? value, CancellationToken cancellationToken) =>
        value is { } instant
            ? importer.WriteAsync(instant.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken)
            : importer.WriteNullAsync(cancellationToken);

    public static Task WriteTextArrayAsync(this NpgsqlBinaryImporter importer, IReadOnlyList<string> values, CancellationToken cancellationToken) =>
        importer.WriteAsync(values as string[] ?? [.. values], NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
}
