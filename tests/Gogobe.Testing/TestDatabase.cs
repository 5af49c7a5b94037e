using Npgsql;

namespace Gogobe.Testing;

/// <summary>A fresh PostgreSQL database for one test class, dropped afterwards.</summary>
public sealed class TestDatabase : IAsyncLifetime
{
    public string Name { get; } = $"gogobe_test_{Guid.NewGuid():N}"[..28];

    public string ConnectionString => new NpgsqlConnectionStringBuilder(Servers.Postgres) { Database = Name }.ConnectionString;

    public async Task InitializeAsync()
    {
        await using var admin = await OpenAdminAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {Name}", admin);
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Drops the database. Backends of killed hosts can take longer than PostgreSQL's 5 s grace to go on a
    /// loaded machine ("being accessed by other users"), and a server restart by another test can cut the
    /// admin connection: both are retried for up to a minute before the failure is reported.
    /// </summary>
    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            try
            {
                await using var admin = await OpenAdminAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (Exception ex) when (IsTransient(ex) && DateTime.UtcNow < deadline)
            {
                Console.Error.WriteLine($"dropping test database {Name}: {ex.Message}; retrying");
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }
    }

    private static bool IsTransient(Exception ex) => ex switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.ObjectInUse or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.LockNotAvailable,
        NpgsqlException or InvalidOperationException => true,
        _ => false,
    };

    public NpgsqlDataSource CreateDataSource() => NpgsqlDataSource.Create(ConnectionString);

    private static async Task<NpgsqlConnection> OpenAdminAsync()
    {
        var connection = new NpgsqlConnection(Servers.Postgres);
        try
        {
            await connection.OpenAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException)
        {
            await connection.DisposeAsync();
            throw new InvalidOperationException(
                $"These tests need the PostgreSQL server of deploy/local/infra.sh (Postgres__ConnectionString = {Servers.Postgres}): {ex.Message}", ex);
        }

        return connection;
    }
}
