using Gogobe.Storage.Schema;
using Npgsql;

namespace Gogobe.Storage.Tests;

/// <summary>
/// A fresh, migrated database for one test class on the PostgreSQL of <c>deploy/local/infra.sh up</c>
/// (env <c>Postgres__ConnectionString</c>), dropped when the class is done.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    private const string DefaultConnectionString = "Host=127.0.0.1;Port=55432;Database=gogobe;Username=gogobe;Password=gogobe";

    private readonly string serverConnectionString =
        Environment.GetEnvironmentVariable("Postgres__ConnectionString") is { Length: > 0 } configured ? configured : DefaultConnectionString;

    public string Name { get; } = $"gogobe_test_{Guid.NewGuid():N}"[..28];

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    /// <summary>The database's connection string, password included, for a second pool (another process's view).</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = Name }.ConnectionString;

    public async Task InitializeAsync()
    {
        await using (var server = NpgsqlDataSource.Create(serverConnectionString))
        {
            try
            {
                await using var create = server.CreateCommand($"CREATE DATABASE {Name}");
                await create.ExecuteNonQueryAsync();
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                throw new InvalidOperationException(
                    $"These tests need PostgreSQL at '{Redacted()}' (env Postgres__ConnectionString) and could not create a database there: " +
                    $"{e.Message}. Start it with 'deploy/local/infra.sh up'.", e);
            }
        }

        DataSource = NpgsqlDataSource.Create(ConnectionString);
        await SchemaMigrator.MigrateAsync(DataSource);
    }

    /// <summary>
    /// Drops the database once its pool is closed. A plain DROP (not FORCE, which would need the right to signal
    /// autovacuum) makes PostgreSQL stop an autovacuum worker still busy there; it is retried while the database is in use.
    /// </summary>
    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await using var server = NpgsqlDataSource.Create(serverConnectionString);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var drop = server.CreateCommand($"DROP DATABASE IF EXISTS {Name}");
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 10)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    public async Task<T> ScalarAsync<T>(string sql, params NpgsqlParameter[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        command.Parameters.AddRange(parameters);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private string Redacted() => new NpgsqlConnectionStringBuilder(serverConnectionString) { Password = null }.ConnectionString;
}
