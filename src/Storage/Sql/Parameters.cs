using Npgsql;
using NpgsqlTypes;

namespace Gogobe.Storage.Sql;

/// <summary>Named parameters with explicit PostgreSQL types; instants are sent as UTC.</summary>
internal static class Parameters
{
    /// <summary>
    /// A positional parameter (<c>$1</c>, <c>$2</c>… in the order added): a statement with only these is sent as written,
    /// without the rewriting of named parameters, which suits prepared statements run once per event.
    /// </summary>
    public static NpgsqlParameter Positional(NpgsqlDbType type, object? value) => Typed(string.Empty, type, value);

    public static NpgsqlParameter Text(string name, string? value) => Typed(name, NpgsqlDbType.Text, value);

    public static NpgsqlParameter TextArray(string name, IReadOnlyCollection<string> values) =>
        Typed(name, NpgsqlDbType.Array | NpgsqlDbType.Text, values.ToArray());

    public static NpgsqlParameter BigIntArray(string name, IReadOnlyCollection<long> values) =>
        Typed(name, NpgsqlDbType.Array | NpgsqlDbType.Bigint, values.ToArray());

    public static NpgsqlParameter RealArray(string name, IReadOnlyCollection<float> values) =>
        Typed(name, NpgsqlDbType.Array | NpgsqlDbType.Real, values.ToArray());

    public static NpgsqlParameter Integer(string name, int? value) => Typed(name, NpgsqlDbType.Integer, value);

    public static NpgsqlParameter BigInt(string name, long? value) => Typed(name, NpgsqlDbType.Bigint, value);

    public static NpgsqlParameter Numeric(string name, decimal? value) => Typed(name, NpgsqlDbType.Numeric, value);

    public static NpgsqlParameter Boolean(string name, bool value) => Typed(name, NpgsqlDbType.Boolean, value);

    public static NpgsqlParameter Uuid(string name, Guid value) => Typed(name, NpgsqlDbType.Uuid, value);

    public static NpgsqlParameter Double(string name, double? value) => Typed(name, NpgsqlDbType.Double, value);

    public static NpgsqlParameter Jsonb(string name, string? json) => Typed(name, NpgsqlDbType.Jsonb, json);

    public static NpgsqlParameter Instant(string name, DateTimeOffset? value) =>
        Typed(name, NpgsqlDbType.TimestampTz, value?.ToUniversalTime());

    private static NpgsqlParameter Typed(string name, NpgsqlDbType type, object? value) =>
        new(name, type) { Value = value ?? DBNull.Value };
}
