using Npgsql;
using NpgsqlTypes;

namespace Gogobe.Storage.Sql;

/// <summary>
/// Typed, null-aware column writes for binary COPY. They are synchronous: a value goes into the importer's buffer and
/// only a full buffer touches the network, so an await per value would cost far more than it saves.
/// </summary>
internal static class CopyColumns
{
    public static void WriteText(this NpgsqlBinaryImporter importer, string? value)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, NpgsqlDbType.Text);
        }
    }

    public static void WriteNumeric(this NpgsqlBinaryImporter importer, decimal? value)
    {
        if (value is { } number)
        {
            importer.Write(number, NpgsqlDbType.Numeric);
        }
        else
        {
            importer.WriteNull();
        }
    }

    public static void WriteInteger(this NpgsqlBinaryImporter importer, int? value)
    {
        if (value is { } number)
        {
            importer.Write(number, NpgsqlDbType.Integer);
        }
        else
        {
            importer.WriteNull();
        }
    }

    public static void WriteBigInt(this NpgsqlBinaryImporter importer, long? value)
    {
        if (value is { } number)
        {
            importer.Write(number, NpgsqlDbType.Bigint);
        }
        else
        {
            importer.WriteNull();
        }
    }

    public static void WriteBoolean(this NpgsqlBinaryImporter importer, bool value) => importer.Write(value, NpgsqlDbType.Boolean);

    public static void WriteInstant(this NpgsqlBinaryImporter importer, DateTimeOffset? value)
    {
        if (value is { } instant)
        {
            importer.Write(instant.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        }
        else
        {
            importer.WriteNull();
        }
    }

    public static void WriteTextArray(this NpgsqlBinaryImporter importer, IReadOnlyList<string> values) =>
        importer.Write(values as string[] ?? [.. values], NpgsqlDbType.Array | NpgsqlDbType.Text);
}
