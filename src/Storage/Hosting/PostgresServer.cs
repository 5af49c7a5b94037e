using Npgsql;

namespace Gogobe.Storage.Hosting;

/// <summary>What a host's start-up check needs to know about PostgreSQL: the setting, how to name it, how to reach it.</summary>
public static class PostgresServer
{
    public const string Name = "PostgreSQL";
    public const string Setting = PostgresOptions.Section + ":ConnectionString";

    /// <summary>Host, port and database of a connection string, for error messages (never the password).</summary>
    public static string Endpoint(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"{builder.Host}:{builder.Port}/{builder.Database}";
        }
        catch (ArgumentException)
        {
            return "(unparsable connection string)";
        }
    }

    /// <summary>Opens one unpooled connection and runs <c>SELECT 1</c>; throws when PostgreSQL does not answer.</summary>
    public static async Task ProbeAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 5, Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync(cancellationToken);
    }
}
